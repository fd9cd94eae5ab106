--liquibase formatted sql

--changeset taleforge:image-job-3
-- A scene's picture is drawn with the approved portrait of its story (picture 0) as its reference:
-- the portrait's image URL, as scene-approved carried it; null for the portrait itself.
ALTER TABLE image_job ADD reference_url NVARCHAR(1000) NULL;

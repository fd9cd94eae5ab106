--liquibase formatted sql

--changeset taleforge:story-6
-- The hero's portrait is picture 0 of a story: a scene row with scene_number 0 (stage 'portrait'),
-- drawn first. Its approved image, the reference of every scene's picture, is kept on the story;
-- the scenes' pictures start once it is there.
ALTER TABLE story ADD portrait_url NVARCHAR(2048) NULL;

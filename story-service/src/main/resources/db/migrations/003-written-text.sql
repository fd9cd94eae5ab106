--liquibase formatted sql

--changeset taleforge:story-5
-- The text of each scene as the writer wrote it, kept when the reader edits scene_text, for the
-- export ("as written and as edited"). Scenes written before this change start from their
-- current text: what the writer wrote was not kept for them.
ALTER TABLE scene ADD written_text NVARCHAR(MAX) NULL;
UPDATE scene SET written_text = scene_text;

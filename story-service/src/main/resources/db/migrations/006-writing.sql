--liquibase formatted sql

--changeset taleforge:story-7
-- Stories are written in the background (status WRITING, scenes stored one by one). When the
-- writing ends short (the writer failed, the reader stopped it), the reason is kept on the story
-- next to the marked placeholders.
ALTER TABLE story ADD writing_note NVARCHAR(1000) NULL;

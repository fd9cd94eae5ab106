--liquibase formatted sql

--changeset taleforge:approval-4
-- The decision history: one row per decision the reader made (approve, reject with the note,
-- retry of a failed image), never updated. scene_approval keeps only the latest attempt; this
-- table keeps every earlier one's decision and note for the board and the export.
CREATE TABLE approval_decision (
    id BIGINT IDENTITY NOT NULL PRIMARY KEY,
    story_id UNIQUEIDENTIFIER NOT NULL,
    scene_number INT NOT NULL,
    attempt INT NOT NULL,
    decision NVARCHAR(16) NOT NULL,
    note NVARCHAR(2000) NULL, -- 1,000 characters: 2,000 UTF-16 units at most
    decided_at DATETIME2 NOT NULL,
    CONSTRAINT fk_approval_decision_story FOREIGN KEY (story_id) REFERENCES approval_story (story_id)
);
CREATE INDEX ix_approval_decision_story ON approval_decision (story_id, scene_number, attempt);

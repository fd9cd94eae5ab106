--liquibase formatted sql

--changeset taleforge:commons-journal-1
-- The API operation journal: one row per external call (or per writer/renderer call for the
-- embedded providers), written even when the call fails or is skipped. Same shape in every
-- service that calls an external API; the gateway's operations page reads them all.
CREATE TABLE api_journal (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    operation NVARCHAR(64) NOT NULL,
    story_id UNIQUEIDENTIFIER NULL,
    scene_number INT NULL,
    attempt INT NULL,
    status NVARCHAR(16) NOT NULL,
    step NVARCHAR(100) NULL,
    input_summary NVARCHAR(MAX) NULL,
    output_summary NVARCHAR(MAX) NULL,
    error_message NVARCHAR(MAX) NULL,
    error_trace NVARCHAR(MAX) NULL,
    duration_ms BIGINT NULL,
    provider NVARCHAR(64) NULL,
    model NVARCHAR(100) NULL,
    created_at DATETIME2 NOT NULL,
    finished_at DATETIME2 NULL
);
CREATE INDEX ix_api_journal_created ON api_journal (created_at);
CREATE INDEX ix_api_journal_story ON api_journal (story_id, scene_number, attempt);
CREATE INDEX ix_api_journal_status ON api_journal (status, created_at);

--liquibase formatted sql

--changeset taleforge:approval-1
-- One row per story approval-service has heard of (from its first image-status). Every change
-- to the story's scenes locks this row first, so decisions on one story are serialized and
-- "all 20 approved" is announced exactly once (all_approved_at is set in the same transaction).
CREATE TABLE approval_story (
    story_id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    all_approved_at DATETIME2 NULL,
    created_at DATETIME2 NOT NULL,
    updated_at DATETIME2 NOT NULL
);

--changeset taleforge:approval-2
-- The approval state of the latest attempt of each scene. An older attempt's status never
-- overwrites it; a newer attempt replaces it. The reader's decision lives here, so it survives
-- a restart.
CREATE TABLE scene_approval (
    story_id UNIQUEIDENTIFIER NOT NULL,
    scene_number INT NOT NULL,
    attempt INT NOT NULL,
    state NVARCHAR(16) NOT NULL,
    image_url NVARCHAR(2048) NULL,
    error_code NVARCHAR(64) NULL,
    error_message NVARCHAR(2000) NULL,
    feedback NVARCHAR(1000) NULL,
    retry_requested BIT NOT NULL,
    decided_at DATETIME2 NULL,
    updated_at DATETIME2 NOT NULL,
    CONSTRAINT pk_scene_approval PRIMARY KEY (story_id, scene_number),
    CONSTRAINT fk_scene_approval_story FOREIGN KEY (story_id) REFERENCES approval_story (story_id)
);
CREATE INDEX ix_scene_approval_state ON scene_approval (story_id, state);

--changeset taleforge:approval-3
-- The transactional outbox: written in the same transaction as the decision it announces,
-- published in id order by the relay, marked sent after the broker acknowledged it. The
-- message_id is the CloudEvent id, so a row republished after a crash is deduplicated downstream.
CREATE TABLE outbox_message (
    id BIGINT IDENTITY NOT NULL PRIMARY KEY,
    message_id NVARCHAR(64) NOT NULL,
    topic NVARCHAR(128) NOT NULL,
    event_type NVARCHAR(128) NOT NULL,
    story_id UNIQUEIDENTIFIER NOT NULL,
    payload NVARCHAR(MAX) NOT NULL,
    created_at DATETIME2 NOT NULL,
    sent_at DATETIME2 NULL,
    send_attempts INT NOT NULL,
    last_error NVARCHAR(2000) NULL,
    CONSTRAINT uq_outbox_message_id UNIQUE (message_id)
);
CREATE INDEX ix_outbox_unsent ON outbox_message (sent_at, id);

--liquibase formatted sql

--changeset taleforge:image-job-1
-- One row per (story, scene, attempt): the idempotency key of image generation. A redelivered
-- scene-approved finds its row: final → re-emit the final status, in progress on a live
-- instance (lease) → wait, lease expired (dead instance) → take it over and resume.
CREATE TABLE image_job (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    story_id UNIQUEIDENTIFIER NOT NULL,
    scene_number INT NOT NULL,
    attempt INT NOT NULL,
    status NVARCHAR(16) NOT NULL,
    prompt NVARCHAR(MAX) NOT NULL,
    style NVARCHAR(MAX) NULL,
    size NVARCHAR(32) NULL,
    requested_at DATETIME2 NULL,
    image_url NVARCHAR(1000) NULL,
    media_key NVARCHAR(200) NULL,
    provider NVARCHAR(64) NULL,
    model NVARCHAR(100) NULL,
    duration_ms BIGINT NULL,
    provider_calls INT NOT NULL,
    error_code NVARCHAR(64) NULL,
    error_message NVARCHAR(MAX) NULL,
    owner NVARCHAR(128) NULL,
    lease_until DATETIME2 NULL,
    created_at DATETIME2 NOT NULL,
    updated_at DATETIME2 NOT NULL,
    CONSTRAINT uq_image_job_attempt UNIQUE (story_id, scene_number, attempt)
);
CREATE INDEX ix_image_job_owner ON image_job (owner, status);

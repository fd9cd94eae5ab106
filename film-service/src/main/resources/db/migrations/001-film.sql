--liquibase formatted sql

--changeset taleforge:film-1
-- One film per story: asked for once (the story id is the key, so asking twice makes one film).
CREATE TABLE film (
    story_id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    state NVARCHAR(16) NOT NULL,
    created_at DATETIME2 NOT NULL,
    updated_at DATETIME2 NOT NULL
);

--changeset taleforge:film-2
-- One clip per scene of a film. The provider's task id is written BEFORE polling starts, so a
-- restart resumes polling that task instead of creating a second one. A FAILED clip always
-- carries its reason (error_code, error_message).
CREATE TABLE film_clip (
    story_id UNIQUEIDENTIFIER NOT NULL,
    scene_number INT NOT NULL,
    image_url NVARCHAR(2048) NOT NULL,
    state NVARCHAR(16) NOT NULL,
    attempts INT NOT NULL,
    provider NVARCHAR(32) NULL,
    model NVARCHAR(100) NULL,
    provider_task_id NVARCHAR(200) NULL,
    provider_status NVARCHAR(32) NULL,
    task_created_at DATETIME2 NULL,
    deadline_at DATETIME2 NULL,
    next_poll_at DATETIME2 NULL,
    polls INT NOT NULL,
    error_code NVARCHAR(64) NULL,
    error_message NVARCHAR(2000) NULL,
    media_url NVARCHAR(2048) NULL,
    duration_ms BIGINT NULL,
    updated_at DATETIME2 NOT NULL,
    CONSTRAINT pk_film_clip PRIMARY KEY (story_id, scene_number),
    CONSTRAINT fk_film_clip_film FOREIGN KEY (story_id) REFERENCES film (story_id)
);
CREATE INDEX ix_film_clip_state ON film_clip (state, next_poll_at);

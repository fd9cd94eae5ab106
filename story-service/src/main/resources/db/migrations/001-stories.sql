--liquibase formatted sql

--changeset taleforge:story-1
-- A story, its owner (hex SHA-256 of the reader token, from the gateway), the validated quiz
-- answers (JSON), the hero, and once the scenes are approved the character sheet and style line.
CREATE TABLE story (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    owner_hash NVARCHAR(64) NOT NULL,
    title NVARCHAR(200) NOT NULL,
    status NVARCHAR(32) NOT NULL,
    answers NVARCHAR(MAX) NOT NULL,
    hero_species NVARCHAR(40) NOT NULL,
    hero_name NVARCHAR(60) NOT NULL,
    hero_trait NVARCHAR(40) NOT NULL,
    character_sheet NVARCHAR(MAX) NULL,
    style_line NVARCHAR(MAX) NULL,
    writer_provider NVARCHAR(64) NOT NULL,
    writer_model NVARCHAR(100) NOT NULL,
    created_at DATETIME2 NOT NULL,
    updated_at DATETIME2 NOT NULL
);
CREATE INDEX ix_story_owner_created ON story (owner_hash, created_at);
CREATE INDEX ix_story_created ON story (created_at);

--changeset taleforge:story-2
-- The 20 scenes of a story: the arc stage, the text the reader edits, and from scene approval on
-- the visual prompt of the latest image attempt.
CREATE TABLE scene (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    story_id UNIQUEIDENTIFIER NOT NULL,
    scene_number INT NOT NULL,
    stage NVARCHAR(32) NOT NULL,
    scene_text NVARCHAR(MAX) NOT NULL,
    prompt NVARCHAR(MAX) NULL,
    attempt INT NULL,
    placeholder BIT NOT NULL,
    updated_at DATETIME2 NOT NULL,
    CONSTRAINT fk_scene_story FOREIGN KEY (story_id) REFERENCES story (id),
    CONSTRAINT uq_scene_story_number UNIQUE (story_id, scene_number)
);

--changeset taleforge:story-3
-- The transactional outbox: written in the same transaction as the change it announces,
-- published in seq order by the relay, marked sent only after the broker acknowledged.
-- id is the CloudEvent id, stable across republishing.
CREATE TABLE outbox_event (
    seq BIGINT IDENTITY(1,1) NOT NULL PRIMARY KEY,
    id UNIQUEIDENTIFIER NOT NULL,
    story_id UNIQUEIDENTIFIER NOT NULL,
    topic NVARCHAR(100) NOT NULL,
    event_type NVARCHAR(100) NOT NULL,
    scene_number INT NULL,
    attempt INT NULL,
    payload NVARCHAR(MAX) NOT NULL,
    created_at DATETIME2 NOT NULL,
    sent_at DATETIME2 NULL,
    send_attempts INT NOT NULL,
    last_error NVARCHAR(MAX) NULL,
    CONSTRAINT uq_outbox_event_id UNIQUE (id)
);
CREATE INDEX ix_outbox_event_unsent ON outbox_event (sent_at, seq);
CREATE INDEX ix_outbox_event_story ON outbox_event (story_id, topic);

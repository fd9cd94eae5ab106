--liquibase formatted sql

--changeset taleforge:film-3
-- One narration per scene of a film, spoken by the selected voice. A worker holds a narration
-- until next_at (its claim); one whose holder died is taken over when the claim runs out. The
-- text spoken is kept, so the subtitles say exactly what was read aloud.
CREATE TABLE film_narration (
    story_id UNIQUEIDENTIFIER NOT NULL,
    scene_number INT NOT NULL,
    state NVARCHAR(16) NOT NULL,
    attempts INT NOT NULL,
    provider NVARCHAR(32) NULL,
    model NVARCHAR(100) NULL,
    next_at DATETIME2 NULL,
    spoken_text NVARCHAR(MAX) NULL,
    media_url NVARCHAR(2048) NULL,
    duration_ms BIGINT NULL,
    error_code NVARCHAR(64) NULL,
    error_message NVARCHAR(2000) NULL,
    updated_at DATETIME2 NOT NULL,
    CONSTRAINT pk_film_narration PRIMARY KEY (story_id, scene_number),
    CONSTRAINT fk_film_narration_film FOREIGN KEY (story_id) REFERENCES film (story_id)
);
CREATE INDEX ix_film_narration_state ON film_narration (state, next_at);

--changeset taleforge:film-4
-- The assembled movie of a film: WAITING until every clip and narration is READY, then
-- ASSEMBLING (held by a worker until movie_next_at; assembled again when its holder died),
-- READY with its MP4 and subtitles, or FAILED with the reason.
ALTER TABLE film ADD movie_state NVARCHAR(16) NOT NULL DEFAULT 'WAITING';
ALTER TABLE film ADD movie_attempts INT NOT NULL DEFAULT 0;
ALTER TABLE film ADD movie_next_at DATETIME2 NULL;
ALTER TABLE film ADD movie_url NVARCHAR(2048) NULL;
ALTER TABLE film ADD movie_vtt_url NVARCHAR(2048) NULL;
ALTER TABLE film ADD movie_srt_url NVARCHAR(2048) NULL;
ALTER TABLE film ADD movie_duration_ms BIGINT NULL;
ALTER TABLE film ADD movie_size_bytes BIGINT NULL;
ALTER TABLE film ADD movie_error_code NVARCHAR(64) NULL;
ALTER TABLE film ADD movie_error_message NVARCHAR(4000) NULL;
CREATE INDEX ix_film_movie ON film (movie_state, movie_next_at);

--liquibase formatted sql

--changeset taleforge:story-005-ledger
-- The money ledger. budget_account: one row per limit, 'story:<id>' (the per-story cap) and
-- 'reader:<owner>:<yyyy-mm-dd>' (a reader's daily budget), with what is committed against it
-- (open reservations plus settled actual costs, US dollars). A reservation takes the row lock of
-- each of its accounts (story first, then reader), so two requests never together pass a limit.
CREATE TABLE budget_account (
    account_key NVARCHAR(120) NOT NULL PRIMARY KEY,
    committed_usd DECIMAL(18,6) NOT NULL,
    updated_at DATETIME2 NOT NULL
);
-- One reservation per picture attempt (scene 0 is the portrait), the writer (scene 0, attempt 0,
-- purpose WRITER) and the film: its estimate, then its actual cost once settled, or released.
CREATE TABLE budget_reservation (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    story_id UNIQUEIDENTIFIER NOT NULL,
    owner_hash NVARCHAR(64) NOT NULL,
    budget_day DATE NOT NULL,
    purpose NVARCHAR(16) NOT NULL,
    scene_number INT NOT NULL,
    attempt INT NOT NULL,
    estimate_usd DECIMAL(18,6) NOT NULL,
    actual_usd DECIMAL(18,6) NULL,
    state NVARCHAR(16) NOT NULL,
    created_at DATETIME2 NOT NULL,
    settled_at DATETIME2 NULL
);
CREATE UNIQUE INDEX ux_budget_reservation ON budget_reservation (story_id, purpose, scene_number, attempt);

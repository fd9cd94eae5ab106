--liquibase formatted sql

--changeset taleforge:commons-outbox-1
-- The transactional outbox (service-data Outbox): a row is written in the same transaction as
-- the change it announces and published by the relay in seq order per key, marked sent only
-- after the broker acknowledged it. id is the CloudEvent id, stable across republishing, so a
-- row published twice (a crash between the ack and the commit) is deduplicated downstream.
-- message_key is the Kafka key (the story id).
CREATE TABLE service_outbox (
    seq BIGINT IDENTITY(1,1) NOT NULL PRIMARY KEY,
    id NVARCHAR(64) NOT NULL,
    topic NVARCHAR(128) NOT NULL,
    message_key NVARCHAR(128) NOT NULL,
    event_type NVARCHAR(128) NOT NULL,
    payload NVARCHAR(MAX) NOT NULL,
    created_at DATETIME2 NOT NULL,
    sent_at DATETIME2 NULL,
    send_attempts INT NOT NULL,
    last_error NVARCHAR(2000) NULL,
    CONSTRAINT uq_service_outbox_id UNIQUE (id)
);
CREATE INDEX ix_service_outbox_unsent ON service_outbox (sent_at, seq);
CREATE INDEX ix_service_outbox_key ON service_outbox (message_key, topic);

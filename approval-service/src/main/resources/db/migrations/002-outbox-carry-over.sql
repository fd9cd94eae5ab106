--liquibase formatted sql

--changeset taleforge:approval-4
-- The outbox moved to service-data (service_outbox, db/commons/outbox.sql). Rows not yet sent
-- are carried over in their order, keeping their CloudEvent id (message_id) and their key
-- (lower-case story id, as the old relay sent it), so a row the old relay published but had
-- not marked sent is deduplicated downstream; then the old table goes.
INSERT INTO service_outbox (id, topic, message_key, event_type, payload, created_at, sent_at, send_attempts, last_error)
SELECT message_id, topic, LOWER(CAST(story_id AS NVARCHAR(36))), event_type, payload,
       created_at, NULL, send_attempts, last_error
FROM outbox_message WHERE sent_at IS NULL ORDER BY id;
DROP TABLE outbox_message;

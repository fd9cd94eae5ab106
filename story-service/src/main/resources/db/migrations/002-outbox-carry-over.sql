--liquibase formatted sql

--changeset taleforge:story-4
-- The outbox moved to service-data (service_outbox, db/commons/outbox.sql). Rows not yet sent
-- are carried over in their order, keeping their CloudEvent id (and key) exactly as the old
-- relay sent them (lower-case UUID text), so a row the old relay published but had not marked
-- sent is deduplicated downstream; then the old table goes.
INSERT INTO service_outbox (id, topic, message_key, event_type, payload, created_at, sent_at, send_attempts, last_error)
SELECT LOWER(CAST(id AS NVARCHAR(36))), topic, LOWER(CAST(story_id AS NVARCHAR(36))), event_type, payload,
       created_at, NULL, send_attempts, LEFT(last_error, 2000)
FROM outbox_event WHERE sent_at IS NULL ORDER BY seq;
DROP TABLE outbox_event;

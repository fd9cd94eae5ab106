--liquibase formatted sql

--changeset taleforge:commons-trace-1
-- The OpenTelemetry trace of a journaled call (32 hex digits, null when tracing is off), so the
-- operations page can lead from a row to its trace in the collector.
ALTER TABLE api_journal ADD trace_id NVARCHAR(32) NULL;

--changeset taleforge:commons-trace-2
-- The W3C traceparent of the transaction that appended an outbox row (null when tracing is off):
-- the relay publishes the row later from its own thread, under this context, so the trace goes
-- on through Kafka instead of breaking at the outbox.
ALTER TABLE service_outbox ADD traceparent NVARCHAR(64) NULL;

--liquibase formatted sql

--changeset taleforge:image-job-4
-- The W3C traceparent of the scene-approved consumer that admitted the job (null when tracing is
-- off): a worker runs the job later on its own thread, under this context, so the provider call,
-- its journal row and the job's image-status records stay in the record's trace.
ALTER TABLE image_job ADD traceparent NVARCHAR(64) NULL;

--liquibase formatted sql

--changeset taleforge:image-job-2
-- Every instance looks for open jobs whose lease expired once per heartbeat (the sweep that
-- resumes a dead instance's work): an index on (status, lease_until) keeps that a seek.
CREATE INDEX ix_image_job_lease ON image_job (status, lease_until);

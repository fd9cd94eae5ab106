--liquibase formatted sql

--changeset taleforge:story-9-refused-regeneration
-- A rejected picture whose next attempt did not fit the budget is not redrawn: the scene keeps
-- which attempt was refused, by which limit, the estimate and what was left (US dollars), so the
-- reader still sees why after a reload. Cleared when a next attempt starts.
ALTER TABLE scene ADD refused_attempt INT NULL;
ALTER TABLE scene ADD refused_limit NVARCHAR(32) NULL;
ALTER TABLE scene ADD refused_estimate_usd DECIMAL(18,6) NULL;
ALTER TABLE scene ADD refused_left_usd DECIMAL(18,6) NULL;

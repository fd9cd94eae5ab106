--liquibase formatted sql

--changeset taleforge:story-10-writing-stop
-- "Stop writing" is a row, not a flag in the memory of the instance that took the request: the
-- instance that writes the story (its claim) reads it while the answer streams in, so a stop
-- reaches the writer whichever instance the reader's request landed on.
ALTER TABLE story ADD writing_stop_asked_at DATETIME2 NULL;

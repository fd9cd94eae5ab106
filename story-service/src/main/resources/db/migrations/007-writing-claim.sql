--liquibase formatted sql

--changeset taleforge:story-8-writing-claim
-- The instance writing a story claims it: writer_instance and the claim's expiry on the database's
-- clock, renewed while it writes. Another instance takes a WRITING story up only when no live
-- claim holds it (its writer is gone), so a story is never written, and paid for, twice.
ALTER TABLE story ADD writer_instance NVARCHAR(64) NULL;
ALTER TABLE story ADD writer_claim_expires_at DATETIME2 NULL;

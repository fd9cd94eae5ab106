--liquibase formatted sql

--changeset taleforge:approval-5
-- The reader's note is limited to 1,000 characters (code points), not UTF-16 units: a note of
-- 1,000 characters outside the Basic Multilingual Plane ("𝒫", most emoji) is 2,000 units, which
-- both SQL Server and H2 count in NVARCHAR lengths.
ALTER TABLE scene_approval ALTER COLUMN feedback NVARCHAR(2000) NULL;

--liquibase formatted sql

--changeset taleforge:commons-journal-cost-1
-- What each journaled call costs, in US dollars at micro-dollar precision (never a float):
-- estimated_cost when the call starts (from the rate table), actual_cost when it ends (from the
-- provider's reported usage when there is one, else the table; 0 for a failed call). NULL on rows
-- of calls that are not priced (stores, lookups, skipped calls).
ALTER TABLE api_journal ADD estimated_cost DECIMAL(18,6) NULL;
ALTER TABLE api_journal ADD actual_cost DECIMAL(18,6) NULL;

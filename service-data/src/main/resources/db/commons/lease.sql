--liquibase formatted sql

--changeset taleforge:commons-lease-1
-- Named leases: at most one instance of a service holds a lease (say, the right to relay the
-- outbox) until expires_at, renewing it while it works. Times are the database's clock
-- (GETDATE()), so instances with skewed clocks still agree.
CREATE TABLE service_lease (
    name NVARCHAR(100) NOT NULL PRIMARY KEY,
    holder NVARCHAR(100) NULL,
    expires_at DATETIME2 NOT NULL
);

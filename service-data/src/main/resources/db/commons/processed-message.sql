--liquibase formatted sql

--changeset taleforge:commons-processed-message-1
-- One row per consumed CloudEvent id and consumer, inserted in the same transaction as the
-- handler's effects: a redelivered message finds its row and changes nothing.
CREATE TABLE processed_message (
    consumer NVARCHAR(64) NOT NULL,
    message_id NVARCHAR(128) NOT NULL,
    processed_at DATETIME2 NOT NULL,
    CONSTRAINT pk_processed_message PRIMARY KEY (consumer, message_id)
);

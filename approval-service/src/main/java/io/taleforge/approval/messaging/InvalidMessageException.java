package io.taleforge.approval.messaging;

/** A message that can never be handled (unreadable or out of range): dead-lettered without retries. */
public class InvalidMessageException extends RuntimeException {

    public InvalidMessageException(String message) {
        super(message);
    }

    public InvalidMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.taleforge.story.service;

/**
 * The writer produced no usable scene: the story ends with placeholders and this message as its
 * note. The message is redacted (never a key) and fit for a reader; {@link #reason()} says whether
 * waiting can help.
 */
public class StoryNotWritten extends RuntimeException {

    /** Why nothing was written. */
    public enum Reason {
        /** The provider rejected the service's key. */
        KEY_REJECTED,
        /** The provider account's quota is used up. */
        QUOTA_EXHAUSTED,
        /** The provider refused the request itself (context length, unknown model). */
        REQUEST_REFUSED,
        /** Every try failed transiently or gave nothing usable: try again later. */
        UNAVAILABLE
    }

    private final Reason reason;

    public StoryNotWritten(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

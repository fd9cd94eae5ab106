package io.taleforge.story.provider;

import java.time.Duration;
import java.util.Optional;

/**
 * A story writer call that did not give an answer, with a reason fit for a journal row and a
 * reader (never a key, never the provider's raw body). {@link Kind#retryable()} tells the caller
 * whether another try can help; {@link #retryAfter()} is how long the provider asked to wait.
 */
public class StoryWriterException extends RuntimeException {

    /** Why the call failed. */
    public enum Kind {
        /** 401/403: the key is missing, wrong or revoked. Retrying cannot help. */
        KEY_REJECTED(false),
        /** 429 {@code insufficient_quota}: the account has no credit left. Retrying cannot help. */
        QUOTA_EXHAUSTED(false),
        /** 400/404/422: the request itself is refused (context length, unknown model). Retrying cannot help. */
        REQUEST_REFUSED(false),
        /** 429: too many requests or tokens for now. */
        RATE_LIMITED(true),
        /** 5xx, a broken connection, or an answer that is not a chat completion. */
        UNAVAILABLE(true),
        /** No answer within the read timeout, or no connection within the connect timeout. */
        TIMEOUT(true),
        /** The model answered but not with a story: a refusal, or nothing that can be parsed. */
        BAD_ANSWER(true);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final Kind kind;
    private final transient Duration retryAfter;

    public StoryWriterException(Kind kind, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public StoryWriterException(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public Kind kind() {
        return kind;
    }

    public boolean retryable() {
        return kind.retryable();
    }

    /** The wait the provider asked for (Retry-After, rate-limit reset), if any. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}

package io.taleforge.media.store.cloudinary;

import java.time.Duration;

/** A Cloudinary answer ≥ 400 as it came. Never leaves the store: it is mapped. */
class CloudinaryHttpException extends RuntimeException {

    final int status;
    final String body;
    /** The answer's {@code Retry-After} (seconds or an HTTP date); null when it sent none. */
    final Duration retryAfter;

    CloudinaryHttpException(int status, String body, Duration retryAfter) {
        super("HTTP " + status, null, false, false);
        this.status = status;
        this.body = body;
        this.retryAfter = retryAfter;
    }
}

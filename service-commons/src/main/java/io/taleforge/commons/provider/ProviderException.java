package io.taleforge.commons.provider;

/** A failed provider call, typed by what the caller should do about it. */
public abstract class ProviderException extends RuntimeException {

    protected ProviderException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The stable code FAILED carries when this is the last failure (e.g. {@code content_policy}). */
    public abstract String code();
}

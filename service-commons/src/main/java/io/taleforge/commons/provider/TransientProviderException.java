package io.taleforge.commons.provider;

/** A failure that may pass: 5xx, overload, reset connection. Retried with backoff. */
public class TransientProviderException extends ProviderException {

    public TransientProviderException(String message) {
        this(message, null);
    }

    public TransientProviderException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return "provider_unavailable";
    }
}

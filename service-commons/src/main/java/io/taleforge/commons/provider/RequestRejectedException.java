package io.taleforge.commons.provider;

/**
 * The provider refused the request itself (bad parameters, a 400 that is not a content refusal, an unknown model,
 * no balance, a
 * download the guard refuses): the same call would fail again, so it is not retried: FAILED at once.
 */
public class RequestRejectedException extends ProviderException {

    private final String code;

    public RequestRejectedException(String message) {
        this("provider_rejected_request", message);
    }

    public RequestRejectedException(String code, String message) {
        super(message, null);
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}

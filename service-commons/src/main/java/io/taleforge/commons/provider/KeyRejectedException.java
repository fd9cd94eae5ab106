package io.taleforge.commons.provider;

/** The provider refused the credentials (401/403, an expired token, MiniMax 1004). Never retried: FAILED at once. */
public class KeyRejectedException extends ProviderException {

    public KeyRejectedException(String message) {
        super(message, null);
    }

    @Override
    public String code() {
        return "key_rejected";
    }
}

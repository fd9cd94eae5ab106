package io.taleforge.image.provider;

/** The provider refused the prompt. Not transient: retried only with a sanitized, then shortened prompt. */
public class ContentPolicyException extends ProviderException {

    public ContentPolicyException(String message) {
        super(message, null);
    }

    @Override
    public String code() {
        return "content_policy";
    }
}

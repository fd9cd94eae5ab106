package io.taleforge.commons.provider;

/**
 * The provider refused the prompt, the picture or what it made (content moderation). Not transient:
 * an image is retried only with a sanitized, then shortened prompt; a clip fails with the reason.
 */
public class ContentPolicyException extends ProviderException {

    public ContentPolicyException(String message) {
        super(message, null);
    }

    @Override
    public String code() {
        return "content_policy";
    }
}

package io.taleforge.film.provider;

/** The provider refused the picture, the prompt or the video it made (content moderation): the clip fails with the reason. */
public class ContentPolicyException extends ProviderException {

    public ContentPolicyException(String message) {
        super(message, null);
    }

    @Override
    public String code() {
        return "content_policy";
    }
}

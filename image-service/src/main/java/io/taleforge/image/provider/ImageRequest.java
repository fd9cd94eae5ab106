package io.taleforge.image.provider;

/**
 * One image to draw: the prompt (possibly sanitized or shortened), where it belongs and, for a
 * scene, the approved portrait of its hero as the reference to draw the same hero from.
 *
 * @param reference the portrait's bytes; null for the portrait itself or when it could not be read
 */
public record ImageRequest(String storyId, int sceneNumber, int attempt, String prompt, String style, String size,
        Reference reference) {

    /** A request without a reference. */
    public ImageRequest(String storyId, int sceneNumber, int attempt, String prompt, String style, String size) {
        this(storyId, sceneNumber, attempt, prompt, style, size, null);
    }

    public ImageRequest withPrompt(String newPrompt) {
        return new ImageRequest(storyId, sceneNumber, attempt, newPrompt, style, size, reference);
    }

    /** The reference image: its bytes and media type. */
    public record Reference(byte[] bytes, String contentType) {
    }
}

package io.taleforge.image.provider;

/** One image to draw: the prompt (possibly sanitized or shortened) and where it belongs. */
public record ImageRequest(String storyId, int sceneNumber, int attempt, String prompt, String style, String size) {

    public ImageRequest withPrompt(String newPrompt) {
        return new ImageRequest(storyId, sceneNumber, attempt, newPrompt, style, size);
    }
}

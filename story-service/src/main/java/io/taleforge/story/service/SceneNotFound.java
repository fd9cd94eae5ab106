package io.taleforge.story.service;

import java.util.UUID;

/** The story exists but has no scene of that number. */
public class SceneNotFound extends RuntimeException {

    private final int number;

    public SceneNotFound(UUID storyId, int number) {
        super("scene " + number + " of story " + storyId + " does not exist");
        this.number = number;
    }

    public int number() {
        return number;
    }
}

package io.taleforge.story.service;

import java.util.UUID;

/** The scenes cannot be approved while the writer is still writing them. */
public class StillWriting extends RuntimeException {

    public StillWriting(UUID storyId) {
        super("story " + storyId + " is still being written; approve its scenes once all 20 are there");
    }
}

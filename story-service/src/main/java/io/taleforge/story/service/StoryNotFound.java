package io.taleforge.story.service;

import java.util.UUID;

/** No such story, or (when an owner was given) the story of another owner: the two are not told apart. */
public class StoryNotFound extends RuntimeException {

    private final transient UUID storyId;

    public StoryNotFound(UUID storyId) {
        super("story " + storyId + " does not exist");
        this.storyId = storyId;
    }

    public UUID storyId() {
        return storyId;
    }
}

package io.taleforge.story.service;

import java.util.UUID;

/** A scene text cannot change once the scenes are approved: the prompts and images follow them. */
public class ScenesAlreadyApproved extends RuntimeException {

    public ScenesAlreadyApproved(UUID storyId) {
        super("the scenes of story " + storyId + " are approved; texts can no longer change");
    }
}

package io.taleforge.approval.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The configuration of approval-service (prefix {@code taleforge.approval}). */
@ConfigMapping(prefix = "taleforge.approval")
public interface ApprovalConfig {

    /** Scenes in every story; a story is all approved when this many latest attempts are approved. */
    @WithDefault("20")
    int scenesPerStory();

    /** Longest feedback a reader may attach to a decision, in characters. */
    @WithDefault("1000")
    int feedbackMaxLength();
}

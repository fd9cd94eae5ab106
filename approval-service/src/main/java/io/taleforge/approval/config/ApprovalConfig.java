package io.taleforge.approval.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The configuration of approval-service (prefix {@code approval}). */
@ConfigMapping(prefix = "approval")
public interface ApprovalConfig {

    /** Scenes in every story; a story is all approved when this many latest attempts are approved. */
    @WithDefault("20")
    int scenesPerStory();

    /** Longest feedback a reader may attach to a decision, in characters. */
    @WithDefault("1000")
    int feedbackMaxLength();

    /** The transactional outbox and its relay. */
    Outbox outbox();

    interface Outbox {

        /** How often the relay looks for rows left unsent (it also runs right after every commit that wrote some; at least 1s). */
        @WithDefault("1s")
        Duration pollInterval();

        /** Most rows the relay publishes in one run. */
        @WithDefault("100")
        int batchSize();

        /** How long the relay waits for the broker to acknowledge one message before it stops the run. */
        @WithDefault("10s")
        Duration sendTimeout();

        /** How long sent rows are kept before the cleanup deletes them. */
        @WithDefault("7d")
        Duration retention();
    }
}

package io.taleforge.story.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything story-service can be told, under {@code taleforge.story}. */
@ConfigMapping(prefix = "taleforge.story")
public interface StoryConfig {

    /** The story writer. */
    Writer writer();

    /** Visual prompts. */
    Prompts prompts();

    /** The outbox relay. */
    Relay relay();

    /** Listing stories. */
    Paging paging();

    /** Handling {@code image-rejected}. */
    Regeneration regeneration();

    interface Writer {

        /** Which writer writes the scenes: {@code template} (embedded, deterministic, offline). */
        @WithDefault("template")
        String provider();

        /** Extra tries when the writer fails or returns fewer than 20 usable scenes. */
        @WithDefault("2")
        int retries();

        /** Longest scene text, in characters, accepted from a writer or from an edit. */
        @WithDefault("2000")
        int maxSceneLength();
    }

    interface Prompts {

        /** Image size requested for every scene, as {@code WIDTHxHEIGHT}. */
        @WithDefault("1024x1024")
        String imageSize();

        /** Longest visual prompt in characters (DALL-E 3 accepts 4000); the scene part is cut first. */
        @WithDefault("3800")
        int maxLength();
    }

    interface Relay {

        /** How often the relay looks for unsent outbox rows (also read by the scheduler). */
        @WithDefault("1s")
        Duration interval();

        /** Most rows published in one round. */
        @WithDefault("100")
        int batchSize();

        /**
         * How long one round waits for the broker's acknowledgements; keep it above the
         * producer's {@code max.block.ms} + {@code delivery.timeout.ms}.
         */
        @WithDefault("45s")
        Duration sendTimeout();
    }

    interface Paging {

        /** Stories per page when {@code limit} is not given. */
        @WithDefault("20")
        int defaultLimit();

        /** Largest {@code limit} accepted. */
        @WithDefault("100")
        int maxLimit();
    }

    interface Regeneration {

        /** Longest reader feedback, in characters, folded into a revised prompt (the rest is cut). */
        @WithDefault("500")
        int maxFeedbackLength();
    }
}

package io.taleforge.story.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything story-service can be told, under {@code taleforge.story}. */
@ConfigMapping(prefix = "taleforge.story")
public interface StoryConfig {

    /** The story writer. */
    Writer writer();

    /** Visual prompts. */
    Prompts prompts();

    /** Listing stories. */
    Paging paging();

    /** Handling {@code image-rejected}. */
    Regeneration regeneration();

    /** The money ledger: what is estimated and reserved, and the limits. */
    Ledger ledger();

    interface Writer {

        /**
         * Which writer writes the scenes: {@code template} (embedded, deterministic, offline) or
         * {@code openai} (any OpenAI-compatible chat completions API, see {@link #openai()}).
         */
        @WithDefault("template")
        String provider();

        /**
         * Extra tries when the writer fails transiently (rate limit, 5xx, timeout) or returns fewer
         * than 20 usable scenes. A failure the writer marks as final (a rejected key) is not retried.
         */
        @WithDefault("2")
        int retries();

        /** First wait before retrying a transient failure without {@code Retry-After}; doubled each time, with jitter. */
        @WithDefault("1s")
        Duration backoff();

        /** Longest wait before one retry, also when the provider's {@code Retry-After} asks for more. */
        @WithDefault("30s")
        Duration maxWait();

        /**
         * Longest time writing one story may take, every try and wait included: a retry that could
         * not end before it (its wait plus the writer's longest call) is not started; the scenes
         * still missing then become marked placeholders.
         */
        @WithDefault("280s")
        Duration deadline();

        /** The OpenAI-compatible writer, used when {@code provider} is {@code openai}. */
        OpenAi openai();

        /**
         * Stories written at once, in the background; more wait in order of arrival, and each
         * waiting story's view says its place.
         */
        @WithDefault("2")
        int concurrentStories();

        /**
         * How long an instance's claim on a story it writes lasts without renewal (renewed every
         * third of it while it writes): another instance takes the story up only once the claim
         * expired, i.e. its writer is really gone.
         */
        @WithDefault("60s")
        Duration claimTtl();

        /**
         * The template writer's pause before each scene (0: all at once); end-to-end tests slow
         * it down to watch the scenes arrive one by one.
         */
        @WithDefault("0ms")
        Duration scenePace();

        /** Longest scene text, in characters, accepted from a writer or from an edit. */
        @WithDefault("2000")
        int maxSceneLength();
    }

    interface OpenAi {

        /**
         * Base URL of the chat completions API, without {@code /chat/completions}: OpenAI
         * {@code https://api.openai.com/v1}, Azure OpenAI {@code https://<resource>.openai.azure.com/openai/v1},
         * Ollama {@code http://localhost:11434/v1}, vLLM {@code http://<host>:8000/v1}.
         */
        @WithDefault("https://api.openai.com/v1")
        String baseUrl();

        /** The API key; may be absent only for a local or in-cluster base URL (Ollama, vLLM). */
        Optional<String> apiKey();

        /** How the key is sent: {@code bearer} ({@code Authorization: Bearer}) or {@code api-key} (Azure's header). */
        @WithDefault("bearer")
        String auth();

        /** The model (or Azure deployment) name. */
        @WithDefault("gpt-4o-mini")
        String model();

        /** Sampling temperature, 0 to 2. */
        @WithDefault("0.8")
        double temperature();

        /** Time to open the connection. */
        @WithDefault("10s")
        Duration connectTimeout();

        /**
         * Whether the story is asked for as a stream ({@code stream: true}, server-sent chunks), so
         * that each scene is stored the moment its text is complete; false for a server that cannot stream.
         */
        @WithDefault("true")
        boolean stream();

        /** Time to wait for the whole answer; a story of 20 scenes takes tens of seconds. */
        @WithDefault("120s")
        Duration readTimeout();
    }

    interface Prompts {

        /** Image size requested for every scene, as {@code WIDTHxHEIGHT}. */
        @WithDefault("1024x1024")
        String imageSize();

        /** Longest visual prompt in characters (DALL-E 3 accepts 4000); the scene part is cut first. */
        @WithDefault("3800")
        int maxLength();
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

    interface Ledger {

        /** Per-story cap in US dollars (reservations plus actual costs); unset: no cap. */
        Optional<BigDecimal> storyCap();

        /** A reader's budget per UTC day in US dollars, over all their stories; unset: none. */
        Optional<BigDecimal> dailyBudget();

        /** The image provider whose price estimates a picture: image-service's ({@code TALEFORGE_IMAGE_PROVIDER}). */
        @WithDefault("local")
        String imageProvider();

        /** Its model ({@code TALEFORGE_IMAGE_MODEL}). */
        @WithDefault("gpt-image-2")
        String imageModel();

        /** Its quality ({@code TALEFORGE_IMAGE_QUALITY}). */
        @WithDefault("medium")
        String imageQuality();

        /** Input tokens reserved for the writer's picture descriptions at approval. */
        @WithDefault("8000")
        long writerInputTokens();

        /** Output tokens reserved for them. */
        @WithDefault("4000")
        long writerOutputTokens();

        /** Input tokens reserved for the writer's revision of a rejected picture's prompt (one scene, its prompt, the note). */
        @WithDefault("1500")
        long reviseInputTokens();

        /** Output tokens reserved for it (one picture's description). */
        @WithDefault("400")
        long reviseOutputTokens();
    }
}

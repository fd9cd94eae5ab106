package io.taleforge.image.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.taleforge.media.store.StoreConfig;
import io.taleforge.media.store.cloudinary.CloudinaryConfig;

/** Every setting of image-service, under {@code taleforge.image}. */
@ConfigMapping(prefix = "taleforge.image")
public interface ImageConfig {

    /** This instance's name in job leases; a random one per start when unset. */
    Optional<String> instanceId();

    /** How many images this instance generates at once (provider calls in flight). */
    @WithDefault("8")
    int concurrency();

    /** Jobs admitted but not finished in this instance before the consumer stops taking more. */
    @WithDefault("100")
    int maxPending();

    /** Walks the per-image paths once at start (service {@code WarmUp}); off only to measure what that saves. */
    @WithDefault("true")
    boolean warmUp();

    Consumer consumer();

    Lease lease();

    Provider provider();

    Renderer renderer();

    Limiter limiter();

    Store store();

    OpenAi openai();

    Download download();

    /** The Cloudinary media store ({@code store.name=cloudinary}). */
    CloudinaryConfig cloudinary();

    interface Consumer {

        /** The topic of scene-approved messages (a private one in tests and the benchmark). */
        @WithDefault("scene-approved")
        String topic();

        /** The consumer group shared by every instance. */
        @WithDefault("image-workers")
        String group();
    }

    interface Lease {

        /**
         * How long a job stays claimed by an instance without a heartbeat: a killed instance's jobs
         * are resumed by another one about this long after it died.
         */
        @WithDefault("5s")
        Duration ttl();

        /** How often an instance extends the leases of the jobs it holds (and sweeps for expired ones). */
        @WithDefault("1s")
        Duration heartbeat();

        /**
         * An instance stops a running job itself when it could not renew its lease for
         * {@code ttl - fence-margin}, so it never still runs when another instance may take it over.
         */
        @WithDefault("2s")
        Duration fenceMargin();
    }

    interface Provider {

        /** The image provider: {@code local} (the embedded renderer) or {@code openai}. */
        @WithDefault("local")
        String name();

        /** Timeout of one provider call. */
        @WithDefault("180s")
        Duration timeout();

        /** Retries of one prompt after a transient failure (5xx, timeout, 429) before FAILED. */
        @WithDefault("4")
        int maxRetries();

        /** First retry delay; doubled per retry, with full jitter (half to all of it). */
        @WithDefault("1s")
        Duration backoffBase();

        /** Upper bound of a retry delay (a Retry-After may be longer). */
        @WithDefault("30s")
        Duration backoffMax();

        /** Circuit breaker: calls in the rolling window before it may open. */
        @WithDefault("10")
        int breakerVolume();

        /** Circuit breaker: failure ratio of the window that opens it. */
        @WithDefault("0.5")
        double breakerFailureRatio();

        /** Circuit breaker: how long it stays open before a trial call. */
        @WithDefault("30s")
        Duration breakerDelay();

        /** Words kept by the shortened prompt (the last content-policy retry). */
        @WithDefault("40")
        int shortenedWords();

        /**
         * After the provider rejected the key (401/403), how long every job fails fast with
         * {@code key_rejected} without calling the provider; the next call after it is a trial.
         */
        @WithDefault("30s")
        Duration keyRejectedHold();
    }

    interface Renderer {

        /** Width in pixels of the local renderer's PNG. */
        @WithDefault("512")
        int width();

        /** Height in pixels of the local renderer's PNG. */
        @WithDefault("512")
        int height();

        /** Fixed artificial latency per image, so demos and benchmarks behave like a real API. */
        @WithDefault("2s")
        Duration latency();

        /** Random extra latency, uniform between zero and this. */
        @WithDefault("1s")
        Duration jitter();
    }

    interface Limiter {

        /** The provider account whose quota the token bucket guards (one bucket per account). */
        @WithDefault("default")
        String account();

        /** Sustained rate of provider calls across every instance. */
        @WithDefault("15")
        int imagesPerMinute();

        /** Bucket capacity: calls allowed back to back after an idle period. */
        @WithDefault("3")
        int burst();

        /** Pause of the account (every instance) after a 429 that named no wait; doubled while 429s repeat. */
        @WithDefault("5s")
        Duration pause();

        /** Longest pause after repeated 429s without a wait hint. */
        @WithDefault("2m")
        Duration pauseMax();

        /**
         * How long an image waits through 429s before it fails {@code rate_limited}; also how long
         * the count of repeated 429s is kept without a success.
         */
        @WithDefault("10m")
        Duration outageLimit();

        /** Prefix of the limiter's Redis keys. */
        @WithDefault("taleforge:ratelimit")
        String keyPrefix();
    }

    /** The media store (name, dir, public-base-url: the shared {@link StoreConfig}) and its upload guard. */
    interface Store extends StoreConfig {

        /** Timeout of one upload. */
        @WithDefault("30s")
        Duration timeout();

        /** Retries of an upload that failed. */
        @WithDefault("3")
        int maxRetries();
    }

    /** The OpenAI images provider ({@code provider.name=openai}); base URL: {@code quarkus.rest-client.openai.url}. */
    interface OpenAi {

        /** The API key (OPENAI_API_KEY); required when the provider is {@code openai}. Never logged. */
        Optional<String> apiKey();

        /** The model, a row of the model table ({@code models-file}); the start is refused for any other. */
        @WithDefault("gpt-image-2")
        String model();

        /** A model table of your own (JSON, as the classpath's {@code image-models.json}); unset: that one. */
        Optional<String> modelsFile();

        /** Image size, one of the model's; unset: the scene's size when the model takes it, else the row's default. */
        Optional<String> size();

        /** Quality, one of the model's; unset: the row's default quality (none for dall-e-2). */
        Optional<String> quality();

        /** {@code response_format} ({@code url} or {@code b64_json}), only for a model whose row takes it (dall-e-2). */
        Optional<String> responseFormat();
    }

    /** The guard of image downloads (dall-e answers with a URL; a reference portrait kept on Cloudinary). */
    interface Download {

        /**
         * Hosts an image may be downloaded from, comma separated; each matches itself and its
         * subdomains ({@code blob.core.windows.net} matches {@code x.blob.core.windows.net}).
         */
        @WithDefault("blob.core.windows.net,res.cloudinary.com")
        java.util.List<String> hosts();

        /** Largest body accepted, counted while it streams. */
        @WithDefault("20971520")
        long maxBytes();

        /** Time for the whole download: connect, headers and the last byte of the body. */
        @WithDefault("30s")
        Duration timeout();

        /** TEST ONLY: lets downloads reach 127.0.0.1/::1 (the WireMock of the tests). Refused in production. */
        @WithDefault("false")
        boolean testOnlyAllowLoopback();

        /** TEST ONLY: trusts any TLS certificate (WireMock's self-signed one). Refused in production. */
        @WithDefault("false")
        boolean testOnlyTrustAllCertificates();
    }
}

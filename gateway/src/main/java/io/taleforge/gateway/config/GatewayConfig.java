package io.taleforge.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything the gateway can be told; the base URLs of the services are the REST clients' own. */
@ConfigMapping(prefix = "taleforge.gateway")
public interface GatewayConfig {

    /**
     * The Kafka consumer group of every gateway instance: the instances share the partitions and
     * a restarted one resumes from the committed offsets, so no event is lost in between.
     */
    @WithDefault("gateway")
    String consumerGroup();

    /**
     * Where the group starts when it has no committed offset yet (its very first start):
     * {@code earliest} reads what the topics still hold (the appends are idempotent).
     */
    @WithDefault("earliest")
    String offsetReset();

    /** The live event feed and its replay buffer. */
    Events events();

    /** The reader token. */
    Reader reader();

    /** The ownership check against story-service. */
    Ownership ownership();

    /** The operations page {@code /ops}. */
    Ops ops();

    /** The download guard of stored files kept outside the media store's API (Cloudinary). */
    Download download();

    interface Download {

        /**
         * Hosts a stored picture or film file may be fetched from, comma separated; each matches
         * itself and its subdomains ({@code cloudinary.com} matches {@code res.cloudinary.com}).
         */
        @WithDefault("res.cloudinary.com")
        List<String> hosts();

        /** Largest file fetched, in bytes; a bigger body is cut and the book or export fails naming it. */
        @WithDefault("52428800")
        long maxBytes();

        /** Time for one whole fetch: connect, headers and the last byte of the body. */
        @WithDefault("30s")
        Duration timeout();

        /** TEST ONLY: lets fetches reach 127.0.0.1/::1 (the WireMock of the tests). Refused in production. */
        @WithDefault("false")
        boolean testOnlyAllowLoopback();

        /** TEST ONLY: trusts any TLS certificate (WireMock's self-signed one). Refused in production. */
        @WithDefault("false")
        boolean testOnlyTrustAllCertificates();
    }

    interface Events {

        /** Interval of the SSE comment heartbeat that keeps proxies from closing an idle stream. */
        @WithDefault("15s")
        Duration heartbeat();

        /** Approximate number of entries kept per story in its Redis stream ({@code XADD MAXLEN ~}). */
        @WithDefault("1000")
        int maxLength();

        /** How long a story's stream (and its duplicate filter) lives after its last event. */
        @WithDefault("7d")
        Duration ttl();

        /** Prefix of the per-story Redis keys; the story id follows in braces (a cluster hash tag). */
        @WithDefault("taleforge:events:")
        String keyPrefix();

        /** Entries read from Redis per XRANGE call while a browser catches up. */
        @WithDefault("200")
        int pageSize();

        /**
         * Newest entries of each followed story kept in memory: a browser that (re)connects with a
         * Last-Event-ID among them is served without reading Redis (a reconnect storm costs one read per story).
         */
        @WithDefault("64")
        int memory();

        /** How long a failed Redis read is retried (with backoff) before the streams waiting on it end. */
        @WithDefault("30s")
        Duration readDeadline();

        /**
         * Interval at which every followed story is read once even without a wake-up (a safety net for a
         * Pub/Sub message lost while the channel reconnected); the cost is per story, not per browser.
         */
        @WithDefault("30s")
        Duration safetyPoll();

    }

    interface Reader {

        /** Name of the HttpOnly cookie that carries the reader token. */
        @WithDefault("taleforge_reader")
        String cookieName();

        /** Whether the cookie is marked Secure (true behind HTTPS). */
        @WithDefault("false")
        boolean secureCookie();

        /** Lifetime of the cookie. */
        @WithDefault("365d")
        Duration cookieMaxAge();
    }

    interface Ownership {

        /** How long a positive ownership answer is reused; 0 asks story-service every time. */
        @WithDefault("30s")
        Duration cacheTtl();

        /** Entries kept in the positive-answer cache before it is cleared. */
        @WithDefault("10000")
        int cacheSize();
    }

    interface Ops {

        /**
         * The operator token that opens {@code /ops} ({@code Authorization: Bearer}, or the cookie
         * {@code /ops?token=} sets); unset, the page is closed to everyone. Never a reader token.
         */
        Optional<String> token();

        /** Name of the HttpOnly cookie that carries the operator token in the browser. */
        @WithDefault("taleforge_ops")
        String cookieName();

        /** How long the operator cookie lasts. */
        @WithDefault("12h")
        Duration cookieMaxAge();
    }
}

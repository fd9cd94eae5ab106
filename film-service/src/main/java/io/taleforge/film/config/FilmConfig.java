package io.taleforge.film.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.taleforge.media.store.StoreConfig;
import io.taleforge.media.store.cloudinary.CloudinaryConfig;

/** Every setting of film-service, under {@code taleforge.film}. */
@ConfigMapping(prefix = "taleforge.film")
public interface FilmConfig {

    /** The flow from the film request to the stored clips. */
    Flow flow();

    /** The flow: clip workers, the poller of running tasks, the picture read from image-service. */
    interface Flow {

        /** Clips whose provider task is created or polled at once by this instance (the film-workers pool). */
        @WithDefault("4")
        int concurrency();

        /** How often the poller looks for running clips whose next poll is due. */
        @WithDefault("1s")
        Duration pollInterval();

        /**
         * How long one worker holds a clip it is working on; another instance (or this one after a
         * restart) takes over a clip whose holder died once this has passed. Keep it above the
         * longest provider call (a create, a download).
         */
        @WithDefault("3m")
        Duration claim();

        /** How soon a narration or assembly is tried again when a service it needs (story-service, approval-service) cannot answer. */
        @WithDefault("10s")
        Duration retryLater();
    }

    /** Scenes in every story, so clips in every film. */
    @WithDefault("20")
    int scenesPerFilm();

    Provider provider();

    Local local();

    /** The narration voice. */
    VoiceConfig voice();

    Ffmpeg ffmpeg();

    /** The film's assembly from its clips and narrations. */
    Assembly assembly();

    /** The assembled film's look and where it is put together. */
    interface Assembly {

        /** Frame width of the film. */
        @WithDefault("960")
        int width();

        /** Frame height of the film. */
        @WithDefault("540")
        int height();

        /** Frames per second of the film. */
        @WithDefault("24")
        int fps();

        /** How long the title card is shown before the first scene. */
        @WithDefault("3s")
        Duration titleCard();

        /** Fade in and out at each scene's ends. */
        @WithDefault("400ms")
        Duration fade();

        /** The x264 preset of every piece (ultrafast, veryfast, medium…): speed against size. */
        @WithDefault("veryfast")
        String preset();

        /** Folder where films are put together until they are stored. */
        @WithDefault("${taleforge.data:./data}/film-service/assembly")
        String workDir();

        /** How long a worker holds an assembly; a dead holder's assembly is started again after it. */
        @WithDefault("10m")
        Duration claim();
    }

    Kling kling();

    Minimax minimax();

    Download download();

    Limiter limiter();

    /** The media store of clips: {@code local} (disk, served at /media) or {@code cloudinary}. */
    StoreConfig store();

    /** The Cloudinary media store ({@code store.name=cloudinary}). */
    CloudinaryConfig cloudinary();

    interface Provider {

        /** The clip provider: {@code local} (FFmpeg pan-and-zoom), {@code kling} or {@code minimax}. */
        @WithDefault("local")
        String name();

        /** The motion prompt sent with every picture. */
        @WithDefault("Slow cinematic camera push in, gentle natural motion, the scene comes alive")
        String prompt();

        /** First wait between two polls of a running task; grows with the commons Backoff. */
        @WithDefault("5s")
        Duration pollBase();

        /** Longest wait between two polls (and after a rate-limit answer without Retry-After). */
        @WithDefault("30s")
        Duration pollMax();

        /** A clip whose task has not finished this long after its attempt began fails with that reason. */
        @WithDefault("20m")
        Duration deadline();
    }

    /** The local renderer ({@code provider.name=local}). */
    interface Local {

        /** Length of each clip. */
        @WithDefault("5s")
        Duration duration();

        /** Simulated provider latency: a task reads as running this long after its clip was rendered. */
        @WithDefault("3s")
        Duration latency();

        /** Frame width in pixels (even). */
        @WithDefault("960")
        int width();

        /** Frame height in pixels (even). */
        @WithDefault("540")
        int height();

        /** Frames per second. */
        @WithDefault("24")
        int fps();

        /** Zoom reached at the clip's end (1.0 = none). */
        @WithDefault("1.15")
        double zoom();

        /** Folder of rendered clips until they are stored. */
        @WithDefault("${taleforge.data:./data}/film-service/work")
        String workDir();
    }

    /** FFmpeg (Maven Central's org.bytedeco:ffmpeg unless {@code dir} is set). */
    interface Ffmpeg {

        /** A folder holding {@code ffmpeg} and {@code ffprobe} to use instead of the Maven Central build. */
        Optional<String> dir();

        /** Longest run of one FFmpeg command. */
        @WithDefault("120s")
        Duration timeout();
    }

    /** Kling image-to-video ({@code provider.name=kling}); base URL: {@code quarkus.rest-client.kling.url}. */
    interface Kling {

        /** The access key (KLING_ACCESS_KEY): the JWT's issuer. Never logged. */
        Optional<String> accessKey();

        /** The secret key (KLING_SECRET_KEY): signs the JWT, is never sent. Never logged. */
        Optional<String> secretKey();

        /** {@code model_name}, e.g. kling-v2-1. */
        @WithDefault("kling-v2-1")
        String model();

        /** {@code mode}: std or pro. */
        @WithDefault("std")
        String mode();

        /** {@code duration} in seconds: 5 or 10 (sent as a string, as the API wants). */
        @WithDefault("5")
        int durationSeconds();

        /** Lifetime of a minted JWT ({@code exp}); the vendor's is 30 minutes. */
        @WithDefault("30m")
        Duration tokenTtl();
    }

    /** MiniMax Hailuo video ({@code provider.name=minimax}); base URL: {@code quarkus.rest-client.minimax.url}. */
    interface Minimax {

        /** The API key (MINIMAX_API_KEY), sent as a bearer. Never logged. */
        Optional<String> apiKey();

        /** {@code model}, e.g. MiniMax-Hailuo-02. */
        @WithDefault("MiniMax-Hailuo-02")
        String model();

        /** {@code duration} in seconds: 6 or 10. */
        @WithDefault("6")
        int durationSeconds();

        /** {@code resolution}: 512P, 768P or 1080P. */
        @WithDefault("768P")
        String resolution();
    }

    /** The guard of video downloads from the providers' CDNs. */
    interface Download {

        /** Hosts a video may be downloaded from (an entry matches itself and its subdomains). */
        @WithDefault("kwimgs.com,klingai.com,minimax.io,minimaxi.com,res.cloudinary.com")
        List<String> hosts();

        /** Largest video accepted, counted while it streams. */
        @WithDefault("209715200")
        long maxBytes();

        /** Time for the whole download. */
        @WithDefault("120s")
        Duration timeout();

        /** TEST ONLY: lets downloads reach 127.0.0.1 (the WireMock of the tests). */
        @WithDefault("false")
        boolean testOnlyAllowLoopback();

        /** TEST ONLY: trusts any TLS certificate (WireMock's self-signed one). */
        @WithDefault("false")
        boolean testOnlyTrustAllCertificates();
    }

    /** The limits shared by every film worker, per provider account, in Redis. */
    interface Limiter {

        /** The provider account the limits guard (every worker using one account shares them). */
        @WithDefault("default")
        String account();

        /** Provider tasks running at once (Kling trial packs allow 5, standard 20). */
        @WithDefault("5")
        int concurrentTasks();

        /** Tasks created per minute (MiniMax video: 5 free, 20 paid). */
        @WithDefault("20")
        int requestsPerMinute();

        /**
         * How long a clip waits before asking again when every task slot is taken. A slot frees when
         * a task ends, which cannot be predicted, so this is a short retry, not a wait for a lease.
         */
        @WithDefault("1s")
        Duration busyRetry();

        /** Prefix of the limiter's Redis keys. */
        @WithDefault("taleforge:film")
        String keyPrefix();
    }
}


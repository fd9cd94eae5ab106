package io.taleforge.film.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/** The narration voice ({@code taleforge.film.voice.*}): which one speaks, and each one's settings. */
public interface VoiceConfig {

    /** The voice provider: {@code local} (espeak-ng on this machine). */
    @WithDefault("local")
    String name();

    /** The local voice's program (Debian's espeak-ng, installed by deploy/local/ensure-espeak). */
    @WithDefault("espeak-ng")
    String executable();

    /** The espeak-ng voice, e.g. en-us, en-gb, en-gb-x-rp. */
    @WithDefault("en-us")
    String language();

    /** Speaking speed in words per minute (espeak-ng's {@code -s}; a storyteller's pace is 140-160). */
    @WithDefault("150")
    int wordsPerMinute();

    /** Narrations spoken at once by this instance. */
    @WithDefault("2")
    int concurrency();

    /** Longest run of one espeak-ng command. */
    @WithDefault("60s")
    Duration timeout();

    /** Folder of narrations being spoken until they are stored. */
    @WithDefault("${taleforge.data:./data}/film-service/voice")
    String workDir();

    /** OpenAI speech ({@code voice.name=openai}); base URL: {@code quarkus.rest-client.openai-speech.url}. */
    OpenAi openai();

    /** OpenAI speech, {@code POST /audio/speech}: the answer is the audio's bytes. */
    interface OpenAi {

        /** The API key (OPENAI_API_KEY), sent as a bearer. Never logged. */
        Optional<String> apiKey();

        /** {@code model}: gpt-4o-mini-tts, tts-1 or tts-1-hd. */
        @WithDefault("gpt-4o-mini-tts")
        String model();

        /** {@code voice}, e.g. coral, alloy, sage, nova. */
        @WithDefault("coral")
        String voice();

        /** {@code speed}, 0.25 to 4.0. */
        @WithDefault("1.0")
        double speed();

        /** {@code instructions} (how to read); never sent to tts-1 and tts-1-hd, which refuse them. */
        @WithDefault("A warm, calm storyteller reading a picture book aloud to a child.")
        String instructions();

        /** {@code response_format}: mp3, wav, aac, flac or opus. */
        @WithDefault("mp3")
        String format();

        /** The model's input limit in characters; longer texts are split at sentence ends before sending. */
        @WithDefault("4096")
        int maxInputChars();

        /** Calls per piece of text before a passing failure (429, 5xx, timeout) fails the narration. */
        @WithDefault("4")
        int maxAttempts();

        /** First wait after a passing failure (commons Backoff, jittered, doubling). */
        @WithDefault("1s")
        Duration retryBase();

        /** Longest wait, asked for by Retry-After or computed. */
        @WithDefault("30s")
        Duration retryMax();
    }
}

package io.taleforge.film.voice.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.taleforge.commons.provider.RequestRejectedException;
import io.taleforge.film.config.VoiceConfig;
import io.taleforge.film.ffmpeg.VideoProbe;
import io.taleforge.film.support.FfmpegSupport;
import io.taleforge.film.voice.Narration;
import io.taleforge.film.voice.SpeechRequest;

/** The local voice speaks for real (espeak-ng) and its length is measured (ffprobe). */
class LocalVoiceTest {

    @TempDir
    static Path work;

    static LocalVoice voice;

    @BeforeAll
    static void voice() {
        FfmpegSupport.ensureVoice();
        voice = new LocalVoice(settings("espeak-ng"), new VideoProbe(FfmpegSupport.ffmpeg()));
    }

    @Test
    void aLongerTextIsALongerMeasuredWav() throws Exception {
        Narration short1 = voice.speak(says("Ember walked home alone."));
        Narration long1 = voice.speak(says("Ember walked home alone under a grey sky. The others laughed at the "
                + "tryouts, and the snow fell quietly on the Frost Lodge while the wind sang in the pines."));

        assertEquals("audio/wav", short1.contentType());
        assertEquals("RIFF", new String(short1.audio(), 0, 4, StandardCharsets.US_ASCII), "a WAV file");
        assertTrue(short1.durationMs() > 500 && short1.durationMs() < 5000, "a few words: " + short1.durationMs());
        assertTrue(long1.durationMs() > 3 * short1.durationMs(),
                "four times the words take clearly longer: " + short1.durationMs() + " vs " + long1.durationMs());
        assertTrue(long1.audio().length > short1.audio().length);
    }

    @Test
    void aMissingEngineOrNoTextIsARefusalWithTheReason() {
        LocalVoice missing = new LocalVoice(settings("/nonexistent/espeak-ng"), new VideoProbe(FfmpegSupport.ffmpeg()));
        RequestRejectedException gone = assertThrows(RequestRejectedException.class, () -> missing.speak(says("Hello.")));
        assertEquals("voice_failed", gone.code());
        assertTrue(gone.getMessage().contains("ensure-espeak"), gone.getMessage());
        assertEquals("empty_text", assertThrows(RequestRejectedException.class, () -> voice.speak(says(" "))).code());
    }

    static SpeechRequest says(String text) {
        return new SpeechRequest(java.util.UUID.randomUUID(), 1, 1, text);
    }

    static VoiceConfig settings(String executable) {
        return new VoiceConfig() {
            @Override
            public String name() {
                return LocalVoice.NAME;
            }

            @Override
            public String executable() {
                return executable;
            }

            @Override
            public String language() {
                return "en-us";
            }

            @Override
            public int wordsPerMinute() {
                return 150;
            }

            @Override
            public int concurrency() {
                return 1;
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(30);
            }

            @Override
            public String workDir() {
                return work.toString();
            }

            @Override
            public VoiceConfig.OpenAi openai() {
                throw new UnsupportedOperationException("the local voice has no OpenAI settings");
            }
        };
    }
}

package io.taleforge.film.voice.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.taleforge.commons.provider.RequestRejectedException;
import io.taleforge.commons.provider.TransientProviderException;
import io.taleforge.film.config.FilmConfig;
import io.taleforge.film.config.VoiceConfig;
import io.taleforge.film.ffmpeg.FfmpegException;
import io.taleforge.film.ffmpeg.VideoProbe;
import io.taleforge.film.process.Command;
import io.taleforge.film.process.CommandException;
import io.taleforge.film.voice.Narration;
import io.taleforge.film.voice.SpeechRequest;
import io.taleforge.film.voice.VoiceProvider;

/**
 * The local voice ({@code voice.name=local}, the default: offline, no key): Debian's
 * {@code espeak-ng} reads the text from a file ({@code -f}, so no text ever lands on a command
 * line) into a 22 kHz mono WAV ({@code -w}); ffprobe measures its length. espeak-ng is a formant
 * synthesizer: robotic, but real speech, small (a few MB), fast (faster than real time on one
 * core) and in Debian, so {@code deploy/local/ensure-espeak} installs it the way
 * {@code ensure-chromium} installs the browser.
 */
@ApplicationScoped
public class LocalVoice implements VoiceProvider {

    public static final String NAME = "local";

    private final VoiceConfig config;
    private final VideoProbe probe;

    @Inject
    public LocalVoice(FilmConfig config, VideoProbe probe) {
        this(config.voice(), probe);
    }

    public LocalVoice(VoiceConfig config, VideoProbe probe) {
        this.config = config;
        this.probe = probe;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String model() {
        return "espeak-ng:" + config.language();
    }

    @Override
    public Narration speak(SpeechRequest request) throws InterruptedException {
        String text = request.text();
        if (text == null || text.isBlank()) {
            throw new RequestRejectedException("empty_text", "there is no text to read aloud");
        }
        Path dir = Path.of(config.workDir());
        Path input = null;
        Path wav = null;
        try {
            Files.createDirectories(dir);
            input = Files.createTempFile(dir, "text-", ".txt");
            wav = Files.createTempFile(dir, "speech-", ".wav");
            Files.writeString(input, text, StandardCharsets.UTF_8);
            Command.run(List.of(config.executable(), "-v", config.language(), "-s",
                    Integer.toString(config.wordsPerMinute()), "-f", input.toString(), "-w", wav.toString()),
                    config.timeout());
            long ms = Math.round(probe.durationSeconds(wav) * 1000);
            return new Narration(Files.readAllBytes(wav), "audio/wav", ms);
        } catch (CommandException e) {
            throw new RequestRejectedException("voice_failed", "the local voice failed: " + e.getMessage()
                    + (e.getCause() instanceof IOException ? " (deploy/local/ensure-espeak installs espeak-ng)" : ""));
        } catch (FfmpegException e) {
            throw new RequestRejectedException("voice_failed", "the narration cannot be measured: " + e.getMessage());
        } catch (IOException e) {
            throw new TransientProviderException("the local voice cannot use its work folder: " + e.getMessage(), e);
        } finally {
            deleteQuietly(input);
            deleteQuietly(wav);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            file.toFile().delete();
        }
    }
}

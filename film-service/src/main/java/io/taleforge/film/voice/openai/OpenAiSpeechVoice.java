package io.taleforge.film.voice.openai;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.taleforge.commons.http.Backoff;
import io.taleforge.commons.http.HttpFailures;
import io.taleforge.commons.journal.Journal;
import io.taleforge.commons.journal.JournalCall;
import io.taleforge.commons.provider.KeyRejectedException;
import io.taleforge.commons.provider.ProviderException;
import io.taleforge.commons.provider.ProviderHttpException;
import io.taleforge.commons.provider.RateLimitedException;
import io.taleforge.commons.provider.TransientProviderException;
import io.taleforge.commons.redaction.Redactor;
import io.taleforge.film.config.FilmConfig;
import io.taleforge.film.config.VoiceConfig;
import io.taleforge.film.ffmpeg.Ffmpeg;
import io.taleforge.film.ffmpeg.FfmpegException;
import io.taleforge.film.ffmpeg.VideoProbe;
import io.taleforge.film.voice.Narration;
import io.taleforge.film.voice.SpeechRequest;
import io.taleforge.film.voice.TextChunks;
import io.taleforge.film.voice.VoiceProvider;

/**
 * OpenAI speech ({@code voice.name=openai}): {@code POST /audio/speech} with model, voice, speed and
 * (for models that take them) instructions from configuration; the answer is the audio's bytes. A
 * text over the model's input limit is split at sentence ends ({@link TextChunks}) and the pieces'
 * audio joined by FFmpeg (stream copy); the length is measured by ffprobe. A 429 waits what
 * Retry-After asks (else the commons {@link Backoff}), a 5xx or timeout is tried again, both up to
 * {@code max-attempts}; a 401 fails at once. One journal row ({@code narration.speech}) per call.
 */
@ApplicationScoped
public class OpenAiSpeechVoice implements VoiceProvider {

    public static final String NAME = "openai";

    /** Models that refuse {@code instructions}. */
    private static final Set<String> NO_INSTRUCTIONS = Set.of("tts-1", "tts-1-hd");

    private final OpenAiSpeechClient client;
    private final VoiceConfig.OpenAi config;
    private final Path workDir;
    private final Redactor redactor;
    private final Journal journal;
    private final Ffmpeg ffmpeg;
    private final VideoProbe probe;
    private final Backoff backoff;

    @Inject
    public OpenAiSpeechVoice(@RestClient OpenAiSpeechClient client, FilmConfig config, Redactor redactor,
            Journal journal, Ffmpeg ffmpeg, VideoProbe probe) {
        this(client, config.voice().openai(), Path.of(config.voice().workDir()), redactor, journal, ffmpeg, probe);
    }

    OpenAiSpeechVoice(OpenAiSpeechClient client, VoiceConfig.OpenAi config, Path workDir, Redactor redactor,
            Journal journal, Ffmpeg ffmpeg, VideoProbe probe) {
        this.client = client;
        this.config = config;
        this.workDir = workDir;
        this.redactor = redactor;
        this.journal = journal;
        this.ffmpeg = ffmpeg;
        this.probe = probe;
        this.backoff = new Backoff(config.retryBase(), config.retryMax());
        config.apiKey().ifPresent(redactor::register);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String model() {
        return config.model();
    }

    @Override
    public Narration speak(SpeechRequest request) throws InterruptedException {
        List<String> pieces = TextChunks.split(request.text(), config.maxInputChars());
        List<Path> files = new ArrayList<>();
        try {
            Files.createDirectories(workDir);
            for (int i = 0; i < pieces.size(); i++) {
                Path file = Files.createTempFile(workDir, "speech-", "." + config.format());
                files.add(file);
                Files.write(file, spoken(request, pieces.get(i), i + 1, pieces.size()));
            }
            Path audio = files.size() == 1 ? files.get(0) : joined(files);
            long ms = Math.round(probe.durationSeconds(audio) * 1000);
            return new Narration(Files.readAllBytes(audio), contentType(config.format()), ms);
        } catch (IOException | FfmpegException e) {
            throw new TransientProviderException("the speech audio cannot be kept or measured: " + e.getMessage(), e);
        } finally {
            files.forEach(f -> f.toFile().delete());
        }
    }

    /** One piece read aloud, tried again on a passing failure; a journal row per call. */
    private byte[] spoken(SpeechRequest request, String piece, int index, int of) throws InterruptedException {
        for (int attempt = 1;; attempt++) {
            Duration wait;
            try (JournalCall call = JournalCall.open(journal, subject(request), "speech",
                    "piece %d/%d, %d characters, try %d".formatted(index, of, piece.length(), attempt))) {
                try {
                    byte[] audio = once(piece);
                    call.success("spoken", audio.length + " bytes " + config.format());
                    return audio;
                } catch (ProviderException e) {
                    call.failed("speech", e);
                    if (!passing(e) || attempt >= config.maxAttempts()) {
                        throw e;
                    }
                    wait = backoff.after(attempt,
                            e instanceof RateLimitedException limited ? limited.retryAfter().orElse(null) : null);
                }
            }
            if (!Backoff.pause(wait)) {
                throw new InterruptedException("interrupted while waiting to call OpenAI speech again");
            }
        }
    }

    private byte[] once(String piece) {
        String instructions = NO_INSTRUCTIONS.contains(config.model()) ? null : config.instructions();
        OpenAiSpeechApi.Speech body = new OpenAiSpeechApi.Speech(config.model(), config.voice(), piece, instructions,
                config.format(), config.speed());
        try (Response answer = client.speech(bearer(), body)) {
            byte[] audio = answer.readEntity(byte[].class);
            if (audio == null || audio.length == 0) {
                throw new TransientProviderException("OpenAI speech answered without audio");
            }
            return audio;
        } catch (ProviderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw mapped(e);
        }
    }

    /** The pieces' audio one after the other, without re-encoding. */
    private Path joined(List<Path> files) throws IOException, FfmpegException, InterruptedException {
        Path list = Files.createTempFile(workDir, "pieces-", ".txt");
        Path out = Files.createTempFile(workDir, "speech-all-", "." + config.format());
        files.add(list);
        files.add(out);
        Files.write(list, files.subList(0, files.size() - 2).stream()
                .map(f -> "file '" + f.toAbsolutePath() + "'").toList());
        ffmpeg.ffmpeg(List.of("-hide_banner", "-loglevel", "error", "-y", "-f", "concat", "-safe", "0", "-i",
                list.toString(), "-c", "copy", out.toString()));
        return out;
    }

    private static boolean passing(ProviderException e) {
        return e instanceof RateLimitedException || e instanceof TransientProviderException;
    }

    private ProviderException mapped(RuntimeException e) {
        ProviderHttpException http = ProviderHttpException.find(e);
        if (http != null) {
            return OpenAiSpeechErrors.map(http, redactor::redact);
        }
        return new TransientProviderException(redactor.redact("OpenAI speech call failed: "
                + HttpFailures.rootDescription(e)));
    }

    private String bearer() {
        return "Bearer " + config.apiKey().orElseThrow(() -> new KeyRejectedException("no OPENAI_API_KEY configured"));
    }

    private Journal.Subject subject(SpeechRequest request) {
        return new Journal.Subject("narration.speech", request.storyId(), request.sceneNumber(), request.attempt(),
                NAME, config.model());
    }

    static String contentType(String format) {
        return switch (format) {
            case "mp3" -> "audio/mpeg";
            case "wav" -> "audio/wav";
            case "aac" -> "audio/aac";
            case "flac" -> "audio/flac";
            case "opus" -> "audio/ogg";
            default -> "application/octet-stream";
        };
    }
}

package io.taleforge.film.provider.local;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.taleforge.film.config.FilmConfig;
import io.taleforge.film.ffmpeg.Ffmpeg;
import io.taleforge.film.ffmpeg.FfmpegException;
import io.taleforge.film.provider.ClipProvider;
import io.taleforge.film.provider.ClipRequest;
import io.taleforge.film.provider.ClipTask;
import io.taleforge.film.provider.ClipVideo;
import io.taleforge.commons.provider.RequestRejectedException;
import io.taleforge.commons.provider.TransientProviderException;

/**
 * The local clip renderer ({@code provider.name=local}, the default: offline, no key): a real
 * H.264 MP4 of the picture with a slow pan-and-zoom, made by FFmpeg's {@code zoompan} filter and
 * libx264. {@link #create} renders into the work folder at once and names the file by the task
 * id (derived from the request's external id, so {@link #existing} finds a render whose create
 * answer was lost); the task reads as running until the configured latency has passed since the file was
 * written (so the flow behaves like a real provider's), then as succeeded; a restart finds the
 * file again. Duration, frame size and latency are configuration.
 */
@ApplicationScoped
public class LocalClipRenderer implements ClipProvider {

    public static final String NAME = "local";
    static final String MODEL = "ffmpeg-zoompan";

    private static final Pattern TASK = Pattern.compile("local-[0-9a-f-]{36}");

    private final Ffmpeg ffmpeg;
    private final FilmConfig.Local config;
    private final Clock clock;

    @Inject
    public LocalClipRenderer(Ffmpeg ffmpeg, FilmConfig config) {
        this(ffmpeg, config.local(), Clock.systemUTC());
    }

    LocalClipRenderer(Ffmpeg ffmpeg, FilmConfig.Local config, Clock clock) {
        this.ffmpeg = ffmpeg;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public BigDecimal seconds() {
        return BigDecimal.valueOf(config.duration().toMillis(), 3);
    }

    @Override
    public String create(ClipRequest request) throws InterruptedException {
        String taskId = taskId(request);
        Path dir = Path.of(config.workDir());
        Path picture = null;
        try {
            Files.createDirectories(dir);
            picture = Files.createTempFile(dir, "picture-", extension(request.picture().contentType()));
            Files.write(picture, request.picture().bytes());
            Path tmp = dir.resolve(taskId + ".part.mp4");
            ffmpeg.ffmpeg(arguments(picture, tmp));
            Files.move(tmp, video(taskId));
            return taskId;
        } catch (FfmpegException e) {
            throw new RequestRejectedException("render_failed", "the local renderer failed: " + e.getMessage());
        } catch (IOException e) {
            throw new TransientProviderException("the local renderer cannot write its work folder: " + e.getMessage(), e);
        } finally {
            if (picture != null) {
                picture.toFile().delete();
            }
        }
    }

    /** A finished render of this very request (its task id follows from our external id). */
    @Override
    public Optional<String> existing(ClipRequest request) {
        String taskId = taskId(request);
        return Files.isRegularFile(video(taskId)) ? Optional.of(taskId) : Optional.empty();
    }

    /** The task id of a request: named after its external id, so a repeated create finds its render. */
    static String taskId(ClipRequest request) {
        return "local-" + UUID.nameUUIDFromBytes(request.externalId().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public ClipTask poll(String taskId) {
        Path file = video(taskId);
        if (!Files.isRegularFile(file)) {
            return ClipTask.failed(taskId, "missing", "the rendered clip is gone from the work folder");
        }
        try {
            Instant ready = Files.getLastModifiedTime(file).toInstant().plus(config.latency());
            return clock.instant().isBefore(ready) ? ClipTask.running(taskId, "rendering")
                    : ClipTask.succeeded(taskId, "done", file.toString());
        } catch (IOException e) {
            throw new TransientProviderException("cannot read the rendered clip: " + e.getMessage(), e);
        }
    }

    @Override
    public ClipVideo fetch(ClipTask done) {
        try {
            return new ClipVideo(Files.readAllBytes(video(done.taskId())), "video/mp4");
        } catch (IOException e) {
            throw new RequestRejectedException("download_failed", "the rendered clip cannot be read: " + e.getMessage());
        }
    }

    /**
     * The FFmpeg command: the picture looped, scaled up (zoompan moves in whole pixels, so a
     * larger canvas keeps the motion smooth) and cropped to the frame, zoomed from 1.0 to
     * {@code zoom} while the window drifts right, encoded H.264 yuv420p with faststart.
     * {@code -xerror}: a picture that does not decode ends the run (looped, it would retry forever).
     * {@code -preset ultrafast}: a stand-in for a provider's clip, so speed over size (measured on
     * 2 cores: 960x540, 2 s in 1.9 s instead of veryfast's 3.7 s; part 2 re-encodes the film anyway).
     */
    List<String> arguments(Path picture, Path out) {
        int w = config.width();
        int h = config.height();
        int fps = config.fps();
        long frames = Math.max(1, Math.round(config.duration().toMillis() / 1000.0 * fps));
        double step = (config.zoom() - 1.0) / frames;
        String filter = String.format(Locale.ROOT,
                "scale=%d:%d:force_original_aspect_ratio=increase,crop=%d:%d,"
                        + "zoompan=z='min(1+%.6f*on,%.3f)':x='(iw-iw/zoom)*on/%d':y='(ih-ih/zoom)/2'"
                        + ":d=1:s=%dx%d:fps=%d,format=yuv420p",
                w * 2, h * 2, w * 2, h * 2, step, config.zoom(), frames, w, h, fps);
        return List.of("-hide_banner", "-loglevel", "error", "-xerror", "-y", "-loop", "1", "-i", picture.toString(),
                "-vf", filter, "-frames:v", Long.toString(frames), "-c:v", "libx264", "-preset", "ultrafast",
                "-crf", "23", "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-f", "mp4", out.toString());
    }

    private Path video(String taskId) {
        if (!TASK.matcher(taskId).matches()) {
            throw new RequestRejectedException("unknown_task", "not a local task id: " + taskId);
        }
        return Path.of(config.workDir()).resolve(taskId + ".mp4");
    }

    private static String extension(String contentType) {
        return switch (contentType == null ? "" : contentType) {
            case "image/jpeg" -> ".jpg";
            case "image/webp" -> ".webp";
            default -> ".png";
        };
    }
}

package io.taleforge.film.provider.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.taleforge.film.config.FilmConfig;
import io.taleforge.film.ffmpeg.Ffmpeg;
import io.taleforge.film.ffmpeg.VideoProbe;
import io.taleforge.film.provider.ClipRequest;
import io.taleforge.film.provider.ClipTask;
import io.taleforge.film.provider.ClipVideo;
import io.taleforge.film.provider.Picture;
import io.taleforge.commons.provider.RequestRejectedException;
import io.taleforge.film.support.FfmpegSupport;

/** The local renderer's MP4, checked with ffprobe: codec, duration, frame size. */
class LocalClipRendererTest {

    static Ffmpeg ffmpeg;

    @TempDir
    Path work;

    @BeforeAll
    static void ffmpeg() {
        ffmpeg = FfmpegSupport.ffmpeg();
    }

    @Test
    void rendersAnH264ClipOfTheConfiguredLengthAndSize() throws Exception {
        LocalClipRenderer renderer = new LocalClipRenderer(ffmpeg, settings(Duration.ofSeconds(2), Duration.ZERO),
                Clock.systemUTC());
        String task = renderer.create(request(png(512, 512)));
        ClipTask done = renderer.poll(task);
        assertEquals(ClipTask.Phase.SUCCEEDED, done.phase());
        ClipVideo video = renderer.fetch(done);

        VideoProbe.VideoInfo info = new VideoProbe(ffmpeg).probe(video.bytes());
        assertEquals("h264", info.codec());
        assertEquals(320, info.width());
        assertEquals(180, info.height());
        assertTrue(Math.abs(info.durationSeconds() - 2.0) <= 0.1, "duration " + info.durationSeconds());
        assertEquals("video/mp4", video.contentType());
    }

    @Test
    void aPortraitPictureIsCroppedToTheFrameAndTheCameraMoves() throws Exception {
        LocalClipRenderer renderer = new LocalClipRenderer(ffmpeg, settings(Duration.ofSeconds(1), Duration.ZERO),
                Clock.systemUTC());
        ClipVideo video = renderer.fetch(renderer.poll(renderer.create(request(png(300, 600)))));
        Path file = work.resolve("clip.mp4");
        Files.write(file, video.bytes());
        VideoProbe.VideoInfo info = new VideoProbe(ffmpeg).probe(file);
        assertEquals(320, info.width());
        assertEquals(180, info.height());
        byte[] first = frame(file, "0");
        byte[] last = frame(file, "0.9");
        assertTrue(!java.util.Arrays.equals(first, last), "the first and last frames differ: the camera moved");
    }

    @Test
    void aTaskReadsAsRunningUntilTheLatencyHasPassed() throws Exception {
        Instant later = Instant.now().plusSeconds(60);
        LocalClipRenderer renderer = new LocalClipRenderer(ffmpeg, settings(Duration.ofSeconds(1),
                Duration.ofSeconds(30)), Clock.systemUTC());
        String task = renderer.create(request(png(400, 400)));
        assertEquals(ClipTask.Phase.RUNNING, renderer.poll(task).phase());
        LocalClipRenderer afterLatency = new LocalClipRenderer(ffmpeg, settings(Duration.ofSeconds(1),
                Duration.ofSeconds(30)), Clock.fixed(later, ZoneOffset.UTC));
        assertEquals(ClipTask.Phase.SUCCEEDED, afterLatency.poll(task).phase());
    }

    @Test
    void aRenderWhoseCreateAnswerWasLostIsFoundAgainByTheRequest() throws Exception {
        LocalClipRenderer renderer = new LocalClipRenderer(ffmpeg, settings(Duration.ofSeconds(1), Duration.ZERO),
                Clock.systemUTC());
        var request = request(png(400, 400));
        assertEquals(java.util.Optional.empty(), renderer.existing(request), "nothing rendered yet");
        String task = renderer.create(request);
        assertEquals(java.util.Optional.of(task), renderer.existing(request), "the same request finds its render");
    }

    @Test
    void aPictureFFmpegCannotReadFailsWithItsReason() {
        LocalClipRenderer renderer = new LocalClipRenderer(ffmpeg, settings(Duration.ofSeconds(1), Duration.ZERO),
                Clock.systemUTC());
        RequestRejectedException e = assertThrows(RequestRejectedException.class,
                () -> renderer.create(request(new byte[] { 1, 2, 3, 4 })));
        assertEquals("render_failed", e.code());
        assertTrue(e.getMessage().contains("ffmpeg exited"), e.getMessage());
    }

    @Test
    void aTaskWhoseFileIsGoneHasFailed() {
        LocalClipRenderer renderer = new LocalClipRenderer(ffmpeg, settings(Duration.ofSeconds(1), Duration.ZERO),
                Clock.systemUTC());
        ClipTask task = renderer.poll("local-" + UUID.randomUUID());
        assertEquals(ClipTask.Phase.FAILED, task.phase());
        assertTrue(task.reason().contains("gone"), task.reason());
    }

    private byte[] frame(Path video, String at) throws Exception {
        Path png = work.resolve("frame-" + at + ".png");
        ffmpeg.ffmpeg(java.util.List.of("-hide_banner", "-loglevel", "error", "-y", "-ss", at, "-i",
                video.toString(), "-frames:v", "1", png.toString()));
        return Files.readAllBytes(png);
    }

    private ClipRequest request(byte[] picture) {
        return new ClipRequest(UUID.randomUUID(), 3, 1, new Picture(null, picture, "image/png"), "push in");
    }

    static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.ORANGE, width, height, Color.BLUE));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        for (int x = 0; x < width; x += 40) {
            g.fillRect(x, height / 3, 12, height / 3);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private FilmConfig.Local settings(Duration duration, Duration latency) {
        Path dir = work;
        return new FilmConfig.Local() {
            @Override
            public Duration duration() {
                return duration;
            }

            @Override
            public Duration latency() {
                return latency;
            }

            @Override
            public int width() {
                return 320;
            }

            @Override
            public int height() {
                return 180;
            }

            @Override
            public int fps() {
                return 24;
            }

            @Override
            public double zoom() {
                return 1.2;
            }

            @Override
            public String workDir() {
                return dir.toString();
            }
        };
    }
}

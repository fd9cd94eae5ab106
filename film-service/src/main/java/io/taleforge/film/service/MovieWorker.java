package io.taleforge.film.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.taleforge.commons.client.ServiceFailedException;
import io.taleforge.commons.journal.Journal;
import io.taleforge.commons.journal.JournalCall;
import io.taleforge.film.assembly.FilmAssembler;
import io.taleforge.film.config.FilmConfig;
import io.taleforge.film.ffmpeg.Ffmpeg;
import io.taleforge.film.ffmpeg.FfmpegException;
import io.taleforge.film.ffmpeg.VideoProbe;
import io.taleforge.film.mapping.FilmMapper;
import io.taleforge.film.service.MovieJobs.Part;
import io.taleforge.film.service.MovieJobs.Work;
import io.taleforge.film.store.ClipStore;
import io.taleforge.film.store.MediaReader;
import io.taleforge.media.store.MediaStore;

/**
 * Assembles a film whose clips and narrations are all READY: every poll interval it holds one due
 * assembly ({@link MovieJobs#claimDue}; one whose holder died is due again when its claim runs
 * out, and is assembled again from the start), reads the stored clips and narrations back, puts
 * the film together with {@link FilmAssembler} (title card with the story's title and picture 0
 * when approved), stores the MP4, the WebVTT and the SRT, and marks the movie READY. One journal
 * row {@code film.assemble} per attempt: the film's length and sizes, or FFmpeg's own words when it fails.
 */
@ApplicationScoped
public class MovieWorker {

    static final String OPERATION = "film.assemble";

    private final MovieJobs jobs;
    private final FilmCover cover;
    private final MediaReader media;
    private final ClipStore store;
    private final Journal journal;
    private final FilmConfig config;
    private final FilmAssembler assembler;
    private final WorkPool pool = new WorkPool("film-assembler", 1);

    public MovieWorker(MovieJobs jobs, FilmCover cover, MediaReader media, ClipStore store, Journal journal,
            Ffmpeg ffmpeg, VideoProbe probe, FilmConfig config) {
        this.jobs = jobs;
        this.cover = cover;
        this.media = media;
        this.store = store;
        this.journal = journal;
        this.config = config;
        FilmConfig.Assembly look = config.assembly();
        this.assembler = new FilmAssembler(ffmpeg, probe, new FilmAssembler.Settings(look.width(), look.height(),
                look.fps(), look.titleCard().toMillis() / 1000.0, look.fade().toMillis() / 1000.0, look.preset()));
    }

    @Scheduled(every = "${taleforge.film.flow.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void assembleDue() {
        if (pool.free() > 0) {
            jobs.claimDue().ifPresent(work -> pool.run(() -> assemble(work), "film storyId=" + work.storyId()));
        }
    }

    /** One assembly attempt, from the stored parts to the stored film. */
    void assemble(Work work) {
        FilmCover.Cover title;
        try {
            title = cover.of(work.storyId());
        } catch (ProcessingException | FaultToleranceException | ServiceFailedException e) {
            Log.warnf("a service is unavailable, the film's assembly waits storyId=%s: %s", work.storyId(), e.toString());
            jobs.later(work, Instant.now().plus(config.flow().retryLater()));
            return;
        }
        journal.interrupted(OPERATION, work.storyId(), 0, work.attempt(), "its holder stopped while assembling; assembled again");
        Path dir = Path.of(config.assembly().workDir(), work.storyId() + "-a" + work.attempt());
        Journal.Subject subject = new Journal.Subject(OPERATION, work.storyId(), 0, work.attempt(), FilmMapper.ASSEMBLER, null);
        try (JournalCall call = JournalCall.open(journal, subject, "assemble", work.parts().size() + " scenes")) {
            try {
                FilmAssembler.Film film = assembler.assemble(title.title(), title.portrait(), shots(work, dir),
                        dir.resolve("film"));
                MovieJobs.Stored stored = keep(work, film);
                call.success("stored", "durationMs=%d sizeBytes=%d vttChars=%d srtChars=%d url=%s".formatted(
                        stored.durationMs(), stored.sizeBytes(), film.webVtt().length(), film.srt().length(), stored.url()));
                jobs.ready(work, stored);
            } catch (FfmpegException e) {
                call.failed("assemble", e);
                jobs.failed(work, "assembly_failed", e.getMessage());
            } catch (IOException e) {
                call.failed("media", e);
                jobs.failed(work, "media_failed", e.getMessage());
            } catch (RuntimeException e) {
                call.failed("assemble", e);
                jobs.failed(work, "assembly_failed", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                call.failed("assemble", e);
            }
        } finally {
            deleteQuietly(dir);
        }
    }

    /** Each scene's clip and narration read back from the store into the work folder. */
    private List<FilmAssembler.Shot> shots(Work work, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<FilmAssembler.Shot> shots = new ArrayList<>();
        for (Part part : work.parts()) {
            Path clip = dir.resolve("clip-%02d.mp4".formatted(part.sceneNumber()));
            Files.write(clip, media.read(part.clipUrl()));
            Path voice = dir.resolve("voice-%02d%s".formatted(part.sceneNumber(), extension(part.narrationUrl())));
            Files.write(voice, media.read(part.narrationUrl()));
            shots.add(new FilmAssembler.Shot(clip, voice, part.narrationMs(), part.text()));
        }
        return shots;
    }

    /** The MP4 (picture number 0 of the story's media: the film), its WebVTT and its SRT in the media store. */
    private MovieJobs.Stored keep(Work work, FilmAssembler.Film film) throws IOException {
        byte[] mp4 = Files.readAllBytes(film.mp4());
        MediaStore.StoredMedia movie = store.put(work.storyId(), 0, work.attempt(), mp4, "video/mp4");
        MediaStore.StoredMedia vtt = store.put(work.storyId(), 0, work.attempt(),
                film.webVtt().getBytes(StandardCharsets.UTF_8), "text/vtt");
        MediaStore.StoredMedia srt = store.put(work.storyId(), 0, work.attempt(),
                film.srt().getBytes(StandardCharsets.UTF_8), "application/x-subrip");
        return new MovieJobs.Stored(movie.url(), vtt.url(), srt.url(), film.durationMs(), mp4.length);
    }

    private static String extension(String url) {
        int dot = url == null ? -1 : url.lastIndexOf('.');
        return dot < 0 || url.length() - dot > 5 ? ".audio" : url.substring(dot);
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            Log.warnf("assembly folder not removed %s: %s", dir, e.getMessage());
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        pool.stop();
    }
}

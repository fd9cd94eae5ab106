package io.taleforge.film.mapping;

import java.time.Instant;
import java.util.List;

import io.taleforge.contracts.ClipRequested;
import io.taleforge.contracts.FilmStatus;
import io.taleforge.film.model.Clip;
import io.taleforge.film.model.ClipState;
import io.taleforge.film.model.Film;
import io.taleforge.film.model.FilmState;
import io.taleforge.film.model.MovieState;
import io.taleforge.film.model.NarrationState;
import io.taleforge.film.model.SceneNarration;
import io.taleforge.film.rest.FilmView;

/** Turns films, clips and narrations into the REST view, the {@code film-status} event and the clip request. */
public final class FilmMapper {

    /** The FILM item's provider: the movie is put together by FFmpeg. */
    public static final String ASSEMBLER = "ffmpeg";

    private FilmMapper() {
    }

    public static FilmView toView(Film film, List<Clip> clips, List<SceneNarration> narrations, int total) {
        int ready = (int) clips.stream().filter(c -> c.state == ClipState.READY).count();
        int failed = (int) clips.stream().filter(c -> c.state == ClipState.FAILED).count();
        return new FilmView(film.storyId.toString(), film.state.name(), ready, failed, total,
                clips.stream().map(FilmMapper::toView).toList(), narrations.stream().map(FilmMapper::toView).toList(),
                narrationsReady(narrations), toView(film));
    }

    public static int narrationsReady(List<SceneNarration> narrations) {
        return (int) narrations.stream().filter(n -> n.state == NarrationState.READY).count();
    }

    static FilmView.ClipView toView(Clip clip) {
        return new FilmView.ClipView(clip.sceneNumber(), attempt(clip.attempts, clip.state == ClipState.QUEUED),
                clip.state.name(), clip.mediaUrl, clip.durationMs, clip.provider, clip.model,
                clip.state == ClipState.FAILED ? new FilmView.Error(clip.errorCode, clip.errorMessage) : null);
    }

    static FilmView.NarrationView toView(SceneNarration n) {
        boolean ready = n.state == NarrationState.READY;
        return new FilmView.NarrationView(n.sceneNumber(), attempt(n.attempts, n.state == NarrationState.QUEUED),
                n.state.name(), ready ? n.mediaUrl : null, ready ? n.durationMs : null, n.provider, n.model,
                n.state == NarrationState.FAILED ? new FilmView.Error(n.errorCode, n.errorMessage) : null);
    }

    static FilmView.MovieView toView(Film film) {
        boolean ready = film.movieState == MovieState.READY;
        return new FilmView.MovieView(film.movieState.name(), attempt(film.movieAttempts,
                film.movieState == MovieState.WAITING), ready ? film.movieUrl : null, ready ? film.movieVttUrl : null,
                ready ? film.movieSrtUrl : null, ready ? film.movieDurationMs : null, ready ? film.movieSizeBytes : null,
                film.movieState == MovieState.FAILED ? new FilmView.Error(film.movieErrorCode, film.movieErrorMessage)
                        : null);
    }

    /** The attempt a state belongs to: a waiting item's is the one about to start. */
    private static int attempt(int attempts, boolean waiting) {
        return Math.max(1, attempts + (waiting ? 1 : 0));
    }

    public static FilmStatus.Item clipItem(Clip clip) {
        FilmView.ClipView v = toView(clip);
        return new FilmStatus.Item(FilmStatus.Kind.CLIP, v.sceneNumber(), v.attempt(), FilmStatus.State.valueOf(v.state()),
                v.mediaUrl(), v.durationMs(), v.provider(), v.model(), error(v.error()));
    }

    public static FilmStatus.Item narrationItem(SceneNarration narration) {
        FilmView.NarrationView v = toView(narration);
        FilmStatus.State state = narration.state == NarrationState.SPEAKING ? FilmStatus.State.RENDERING
                : FilmStatus.State.valueOf(v.state());
        return new FilmStatus.Item(FilmStatus.Kind.NARRATION, v.sceneNumber(), v.attempt(), state, v.mediaUrl(),
                v.durationMs(), v.provider(), v.model(), error(v.error()));
    }

    public static FilmStatus.Item movieItem(Film film) {
        FilmView.MovieView v = toView(film);
        FilmStatus.State state = switch (film.movieState) {
            case WAITING -> FilmStatus.State.QUEUED;
            case ASSEMBLING -> FilmStatus.State.RENDERING;
            case READY -> FilmStatus.State.READY;
            case FAILED -> FilmStatus.State.FAILED;
        };
        return new FilmStatus.Item(FilmStatus.Kind.FILM, 0, v.attempt(), state, v.mediaUrl(), v.durationMs(),
                film.movieState == MovieState.WAITING ? null : ASSEMBLER, null, error(v.error()));
    }

    /** The film-status event of one item's current step. */
    public static FilmStatus toEvent(Film film, FilmStatus.Item item, int readyCount, int narrationReadyCount,
            int total, Instant now) {
        return new FilmStatus(film.storyId.toString(), FilmStatus.FilmState.valueOf(film.state.name()), item,
                readyCount, narrationReadyCount, total, now);
    }

    private static FilmStatus.FilmError error(FilmView.Error error) {
        return error == null ? null : new FilmStatus.FilmError(error.code(), error.message());
    }

    /** The work order of a QUEUED clip: its next attempt. */
    public static ClipRequested toRequest(Clip clip, Instant now) {
        return new ClipRequested(clip.storyId().toString(), clip.sceneNumber(), clip.attempts + 1, clip.imageUrl, now);
    }

    /** The film's state from its parts: READY with the movie; FAILED when something failed and nothing is left to do. */
    public static FilmState stateOf(Film film, List<Clip> clips, List<SceneNarration> narrations) {
        if (film.movieState == MovieState.READY) {
            return FilmState.READY;
        }
        boolean working = film.movieState == MovieState.ASSEMBLING
                || clips.stream().anyMatch(c -> c.state == ClipState.QUEUED || c.state == ClipState.RENDERING)
                || narrations.stream().anyMatch(n -> n.state == NarrationState.QUEUED || n.state == NarrationState.SPEAKING);
        boolean failed = film.movieState == MovieState.FAILED
                || clips.stream().anyMatch(c -> c.state == ClipState.FAILED)
                || narrations.stream().anyMatch(n -> n.state == NarrationState.FAILED);
        return !working && failed ? FilmState.FAILED : FilmState.MAKING;
    }
}

package io.taleforge.film.mapping;

import java.time.Instant;
import java.util.List;

import io.taleforge.contracts.ClipRequested;
import io.taleforge.contracts.FilmStatus;
import io.taleforge.film.model.Clip;
import io.taleforge.film.model.ClipState;
import io.taleforge.film.model.Film;
import io.taleforge.film.model.FilmState;
import io.taleforge.film.rest.FilmView;

/** Turns films and clips into the REST view, the {@code film-status} event and the clip request. */
public final class FilmMapper {

    private FilmMapper() {
    }

    public static FilmView toView(Film film, List<Clip> clips, int total) {
        int ready = (int) clips.stream().filter(c -> c.state == ClipState.READY).count();
        int failed = (int) clips.stream().filter(c -> c.state == ClipState.FAILED).count();
        return new FilmView(film.storyId.toString(), film.state.name(), ready, failed, total,
                clips.stream().map(FilmMapper::toView).toList(), List.of(), 0,
                new FilmView.MovieView("WAITING", 0, null, null, null, null, null, null));
    }

    static FilmView.ClipView toView(Clip clip) {
        FilmView.Error error = clip.state == ClipState.FAILED ? new FilmView.Error(clip.errorCode, clip.errorMessage) : null;
        return new FilmView.ClipView(clip.sceneNumber(), Math.max(1, clip.attempts + (clip.state == ClipState.QUEUED ? 1 : 0)),
                clip.state.name(), clip.mediaUrl, clip.durationMs, clip.provider, clip.model, error);
    }

    /** The film-status event of {@code clip}'s current step. */
    public static FilmStatus toEvent(Clip clip, FilmState filmState, int readyCount, int total, Instant now) {
        FilmView.ClipView view = toView(clip);
        FilmStatus.FilmError error = view.error() == null ? null
                : new FilmStatus.FilmError(view.error().code(), view.error().message());
        FilmStatus.Item item = new FilmStatus.Item(FilmStatus.Kind.CLIP, view.sceneNumber(), view.attempt(),
                FilmStatus.State.valueOf(view.state()), view.mediaUrl(), view.durationMs(), view.provider(), view.model(),
                error);
        return new FilmStatus(clip.storyId().toString(), FilmStatus.FilmState.valueOf(filmState.name()), item,
                readyCount, total, now);
    }

    /** The work order of a QUEUED clip: its next attempt. */
    public static ClipRequested toRequest(Clip clip, Instant now) {
        return new ClipRequested(clip.storyId().toString(), clip.sceneNumber(), clip.attempts + 1, clip.imageUrl, now);
    }
}

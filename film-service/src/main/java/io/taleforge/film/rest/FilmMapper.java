package io.taleforge.film.rest;

import io.taleforge.film.model.Clip;
import io.taleforge.film.model.ClipState;
import io.taleforge.film.service.FilmService;

/** Turns a film and its clips into the API's view. */
final class FilmMapper {

    private FilmMapper() {
    }

    static FilmView toView(FilmService.FilmWithClips f) {
        var clips = f.clips().stream().map(FilmMapper::toView).toList();
        int ready = (int) f.clips().stream().filter(c -> c.state == ClipState.READY).count();
        int failed = (int) f.clips().stream().filter(c -> c.state == ClipState.FAILED).count();
        return new FilmView(f.film().storyId, f.film().state.name(), ready, failed, clips.size(), clips);
    }

    static FilmView.ClipView toView(Clip c) {
        return new FilmView.ClipView(c.sceneNumber(), c.state.name(), c.attempts, c.provider, c.model,
                c.providerTaskId, c.providerStatus, c.mediaUrl, c.durationMs, c.errorCode, c.errorMessage,
                c.updatedAt);
    }
}

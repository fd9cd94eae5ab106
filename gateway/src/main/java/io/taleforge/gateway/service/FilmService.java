package io.taleforge.gateway.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

import io.quarkus.logging.Log;
import io.taleforge.commons.rest.ProblemException;
import io.taleforge.gateway.client.FilmClient;
import io.taleforge.gateway.client.FilmDocument;
import io.taleforge.gateway.client.FilmEstimate;
import io.taleforge.gateway.client.MediaFile;
import io.taleforge.gateway.mapping.FilmViewMapper;
import io.taleforge.gateway.model.StoryView;

/**
 * The film routes: like every story route, ownership is checked with story-service first (404 for
 * someone else's story), then film-service is asked. Its problems (409 until all 20 pictures are
 * approved, 409 for a clip, narration or movie that has not failed) pass through unchanged. The
 * READY film's files are read from the media store's API like the storybook's pictures.
 */
@ApplicationScoped
public class FilmService {

    static final String FILM = "film-service";

    private final FilmClient films;
    private final OwnershipService ownership;
    private final FilmViewMapper mapper;
    private final Pictures media;

    public FilmService(FilmClient films, OwnershipService ownership, FilmViewMapper mapper, Pictures media) {
        this.films = films;
        this.ownership = ownership;
        this.mapper = mapper;
        this.media = media;
    }

    /** The story's film; a 404 problem when none was asked for. */
    public StoryView.Film film(String owner, String storyId) {
        ownership.requireOwned(storyId, owner);
        return mapper.toView(ServiceCalls.call(FILM, () -> films.film(storyId))
                .orElseThrow(() -> ProblemException.notFound("the film of story " + storyId)));
    }

    /** What making the story's film is expected to cost, for the "Make the film" button. */
    public FilmEstimate estimate(String owner, String storyId) {
        ownership.requireOwned(storyId, owner);
        return ServiceCalls.call(FILM, () -> films.estimate(storyId));
    }

    /** Asks for the story's film; asking twice makes one film. */
    public StoryView.Film request(String owner, String storyId) {
        ownership.requireOwned(storyId, owner);
        FilmDocument film = ServiceCalls.call(FILM, () -> films.request(storyId));
        Log.infof("film requested storyId=%s state=%s", storyId, film.state());
        return mapper.toView(film);
    }

    public StoryView.Film retryClip(String owner, String storyId, int n) {
        ownership.requireOwned(storyId, owner);
        FilmDocument film = ServiceCalls.call(FILM, () -> films.retryClip(storyId, n));
        Log.infof("film clip retry requested storyId=%s scene=%d", storyId, n);
        return mapper.toView(film);
    }

    public StoryView.Film retryNarration(String owner, String storyId, int n) {
        ownership.requireOwned(storyId, owner);
        FilmDocument film = ServiceCalls.call(FILM, () -> films.retryNarration(storyId, n));
        Log.infof("film narration retry requested storyId=%s scene=%d", storyId, n);
        return mapper.toView(film);
    }

    public StoryView.Film assemble(String owner, String storyId) {
        ownership.requireOwned(storyId, owner);
        FilmDocument film = ServiceCalls.call(FILM, () -> films.assemble(storyId));
        Log.infof("film assembly retry requested storyId=%s", storyId);
        return mapper.toView(film);
    }

    /** A file of the READY film (409 before), read from the media store. */
    public MediaFile download(String owner, String storyId, FilmFile file) {
        ownership.requireOwned(storyId, owner);
        FilmDocument film = ServiceCalls.call(FILM, () -> films.film(storyId)).orElse(null);
        MediaFile read = media.read(file.urlIn(storyId, film), "film-file");
        Log.infof("film file read storyId=%s file=%s bytes=%d", storyId, file, read.bytes().length);
        return read;
    }

    public StoryView.Film retryFailed(String owner, String storyId) {
        ownership.requireOwned(storyId, owner);
        FilmDocument film = ServiceCalls.call(FILM, () -> films.retryFailed(storyId));
        Log.infof("film retry of everything failed requested storyId=%s failedClips=%d", storyId, film.failedCount());
        return mapper.toView(film);
    }

    /**
     * The view with its film (the caller checked ownership). A film-service that does not answer
     * leaves {@code film} null rather than failing the whole state document: the story, its
     * pictures and approvals stay readable, and the next reload or {@code film} event fills it in.
     */
    StoryView attach(StoryView view, String storyId) {
        try {
            Optional<FilmDocument> film = films.film(storyId);
            return film.map(f -> view.withFilm(mapper.toView(f))).orElse(view);
        } catch (ProcessingException | FaultToleranceException e) {
            Log.warnf("film-service unavailable, story view without film storyId=%s: %s", storyId, e.toString());
            return view;
        }
    }
}

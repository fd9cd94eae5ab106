package io.taleforge.gateway.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

import io.quarkus.logging.Log;
import io.taleforge.gateway.client.FilmClient;
import io.taleforge.gateway.client.FilmDocument;
import io.taleforge.gateway.mapping.FilmViewMapper;
import io.taleforge.gateway.model.StoryView;

/**
 * The film routes: like every story route, ownership is checked with story-service first (404 for
 * someone else's story), then film-service is asked. Its problems (409 until all 20 pictures are
 * approved, 409 for a clip that has not failed) pass through unchanged.
 */
@ApplicationScoped
public class FilmService {

    static final String FILM = "film-service";

    private final FilmClient films;
    private final OwnershipService ownership;
    private final FilmViewMapper mapper;

    public FilmService(FilmClient films, OwnershipService ownership, FilmViewMapper mapper) {
        this.films = films;
        this.ownership = ownership;
        this.mapper = mapper;
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

    public StoryView.Film retryFailed(String owner, String storyId) {
        ownership.requireOwned(storyId, owner);
        FilmDocument film = ServiceCalls.call(FILM, () -> films.retryFailed(storyId));
        Log.infof("film retry of failed clips requested storyId=%s failed=%d", storyId, film.failedCount());
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

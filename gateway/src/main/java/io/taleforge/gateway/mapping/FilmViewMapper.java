package io.taleforge.gateway.mapping;

import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.taleforge.gateway.client.FilmDocument;
import io.taleforge.gateway.model.StoryView;

/** film-service's film document as the {@code film} part of the story view. */
@ApplicationScoped
public class FilmViewMapper {

    public StoryView.Film toView(FilmDocument film) {
        if (film == null) {
            return null;
        }
        List<FilmDocument.Clip> clips = film.clips() == null ? List.of() : film.clips();
        return new StoryView.Film(film.state(), film.readyCount(), film.failedCount(), film.total(),
                clips.stream().sorted(Comparator.comparingInt(FilmDocument.Clip::sceneNumber)).map(FilmViewMapper::clip)
                        .toList());
    }

    private static StoryView.Clip clip(FilmDocument.Clip clip) {
        StoryView.Error error = clip.error() == null ? null
                : new StoryView.Error(clip.error().code(), clip.error().message());
        return new StoryView.Clip(clip.sceneNumber(), clip.attempt(), clip.state(), clip.mediaUrl(), clip.durationMs(),
                clip.provider(), clip.model(), error);
    }
}

package io.taleforge.gateway.mapping;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.taleforge.gateway.client.FilmDocument;
import io.taleforge.gateway.client.ImageJob;
import io.taleforge.gateway.model.StoryView;

/** film-service's film document as the {@code film} part of the story view. */
@ApplicationScoped
public class FilmViewMapper {

    public StoryView.Film toView(FilmDocument film) {
        if (film == null) {
            return null;
        }
        return new StoryView.Film(film.state(), film.readyCount(), film.failedCount(), film.total(),
                byScene(film.clips()).map(c -> new StoryView.Clip(c.sceneNumber(), c.attempt(), c.state(),
                        c.mediaUrl(), c.durationMs(), c.provider(), c.model(), error(c.error()))).toList(),
                byScene(film.narrations()).map(n -> new StoryView.Narration(n.sceneNumber(), n.attempt(), n.state(),
                        n.mediaUrl(), n.durationMs(), n.provider(), n.model(), error(n.error()))).toList(),
                film.narrationReadyCount(), movie(film.movie()));
    }

    private static Stream<FilmDocument.Clip> byScene(List<FilmDocument.Clip> items) {
        return items == null ? Stream.empty()
                : items.stream().sorted(Comparator.comparingInt(FilmDocument.Clip::sceneNumber));
    }

    private static StoryView.Movie movie(FilmDocument.Movie movie) {
        return movie == null ? null
                : new StoryView.Movie(movie.state(), movie.attempt(), movie.mediaUrl(), movie.subtitlesVttUrl(),
                        movie.subtitlesSrtUrl(), movie.durationMs(), movie.sizeBytes(), error(movie.error()));
    }

    private static StoryView.Error error(ImageJob.Error error) {
        return error == null ? null : new StoryView.Error(error.code(), error.message());
    }
}

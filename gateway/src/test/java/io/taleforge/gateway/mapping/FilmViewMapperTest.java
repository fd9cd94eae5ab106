package io.taleforge.gateway.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.taleforge.gateway.client.FilmDocument;
import io.taleforge.gateway.client.ImageJob;
import io.taleforge.gateway.model.StoryView;

/** film-service's film as the view's {@code film}: clips and narrations by scene, the movie with its files. */
class FilmViewMapperTest {

    private final FilmViewMapper mapper = new FilmViewMapper();

    @Test
    void narrationsComeByScene_andTheMovieKeepsItsFilesAndReason() {
        FilmDocument.Clip second = new FilmDocument.Clip(2, 1, "READY", "/media/n2.wav", 3200L, "local", "espeak-ng", null);
        FilmDocument.Clip first = new FilmDocument.Clip(1, 2, "FAILED", null, null, "openai", "gpt-4o-mini-tts",
                new ImageJob.Error("rate_limited", "429"));
        FilmDocument.Movie movie = new FilmDocument.Movie("READY", 1, "/media/f.mp4", "/media/s.vtt", "/media/s.srt",
                81_000L, 2_400_000L, null);
        StoryView.Film view = mapper.toView(new FilmDocument("s", "MAKING", 0, 0, 20, null, List.of(second, first), 1, movie));

        assertEquals(List.of(), view.clips());
        assertEquals(List.of(1, 2), view.narrations().stream().map(StoryView.Narration::number).toList());
        assertEquals(new StoryView.Error("rate_limited", "429"), view.narrations().get(0).error());
        assertEquals("/media/n2.wav", view.narrations().get(1).url());
        assertEquals(1, view.narrationReadyCount());
        assertEquals(new StoryView.Movie("READY", 1, "/media/f.mp4", "/media/s.vtt", "/media/s.srt", 81_000L, 2_400_000L,
                null), view.movie());
    }

    @Test
    void aFilmServiceWithoutMovieOrNarrationsGivesEmptyListsAndNoMovie() {
        StoryView.Film view = mapper.toView(new FilmDocument("s", "MAKING", 0, 0, 20, List.of(), null, 0, null));
        assertEquals(List.of(), view.narrations());
        assertNull(view.movie());
        FilmDocument.Movie failed = new FilmDocument.Movie("FAILED", 2, null, null, null, null, null,
                new ImageJob.Error("assembly_failed", "ffmpeg: exit 1"));
        assertEquals(new StoryView.Error("assembly_failed", "ffmpeg: exit 1"),
                mapper.toView(new FilmDocument("s", "FAILED", 20, 0, 20, List.of(), List.of(), 20, failed)).movie().error());
    }
}

package io.taleforge.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.taleforge.commons.rest.ProblemException;
import io.taleforge.gateway.client.FilmDocument;
import io.taleforge.gateway.client.ImageJob;

/** Which stored file each download is, and the 409 (naming {@code id}) before the movie is READY. */
class FilmFileTest {

    private static final String STORY = "0b7c6a54-5a7e-4c47-9d35-1f6b5c3f2a10";

    @Test
    void aReadyMovieGivesEachFileItsOwnUrlTypeAndName() {
        FilmDocument film = film(new FilmDocument.Movie("READY", 2, "/media/f.mp4", "/media/s.vtt", "/media/s.srt",
                81_000L, 2_400_000L, null));
        assertEquals("/media/f.mp4", FilmFile.MP4.urlIn(STORY, film));
        assertEquals("/media/s.vtt", FilmFile.VTT.urlIn(STORY, film));
        assertEquals("/media/s.srt", FilmFile.SRT.urlIn(STORY, film));
        assertEquals("video/mp4", FilmFile.MP4.contentType());
        assertEquals("text/vtt", FilmFile.VTT.contentType());
        assertEquals("application/x-subrip", FilmFile.SRT.contentType());
        assertEquals("taleforge-" + STORY + ".srt", FilmFile.SRT.fileName(STORY));
        assertTrue(FilmFile.MP4.attachment());
        assertTrue(FilmFile.SRT.attachment());
        assertFalse(FilmFile.VTT.attachment(), "the player's track is shown in place");
    }

    @Test
    void beforeTheMovieIsReadyEveryFileIsA409NamingId() {
        List<FilmDocument> notReady = List.of(
                film(new FilmDocument.Movie("WAITING", 1, null, null, null, null, null, null)),
                film(new FilmDocument.Movie("ASSEMBLING", 1, null, null, null, null, null, null)),
                film(new FilmDocument.Movie("FAILED", 1, null, null, null, null, null,
                        new ImageJob.Error("ffmpeg_failed", "exit 1"))),
                film(null));
        for (FilmDocument film : notReady) {
            for (FilmFile file : FilmFile.values()) {
                ProblemException refused = assertThrows(ProblemException.class, () -> file.urlIn(STORY, film));
                assertEquals(409, refused.problem().status());
                assertEquals("id", refused.problem().errors().get(0).field());
            }
        }
        ProblemException none = assertThrows(ProblemException.class, () -> FilmFile.MP4.urlIn(STORY, null));
        assertTrue(none.problem().detail().contains("not asked for"), none.problem().detail());
    }

    private static FilmDocument film(FilmDocument.Movie movie) {
        return new FilmDocument(STORY, "MAKING", 20, 0, 20, List.of(), List.of(), 20, movie);
    }
}

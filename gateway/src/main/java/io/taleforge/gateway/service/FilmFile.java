package io.taleforge.gateway.service;

import java.util.List;
import java.util.function.Function;

import io.taleforge.commons.rest.Problem;
import io.taleforge.commons.rest.ProblemException;
import io.taleforge.gateway.client.FilmDocument;

/**
 * The files of a READY film that its owner downloads through the gateway: the MP4, and its
 * subtitles as WebVTT (the player's track) and SRT. Each is a media-store URL in film-service's
 * movie; before the movie is READY there is nothing to download (409 naming {@code id}).
 */
public enum FilmFile {

    MP4("video/mp4", "mp4", true, FilmDocument.Movie::mediaUrl),
    VTT("text/vtt", "vtt", false, FilmDocument.Movie::subtitlesVttUrl),
    SRT("application/x-subrip", "srt", true, FilmDocument.Movie::subtitlesSrtUrl);

    private final String contentType;
    private final String extension;
    private final boolean attachment;
    private final Function<FilmDocument.Movie, String> url;

    FilmFile(String contentType, String extension, boolean attachment, Function<FilmDocument.Movie, String> url) {
        this.contentType = contentType;
        this.extension = extension;
        this.attachment = attachment;
        this.url = url;
    }

    /** The media type the gateway answers with (WebVTT is UTF-8 by definition; the SRT is written in UTF-8). */
    public String contentType() {
        return contentType;
    }

    /** Saved by the browser under a file name (MP4, SRT), or shown in place (the player's WebVTT track). */
    public boolean attachment() {
        return attachment;
    }

    public String fileName(String storyId) {
        return "taleforge-" + storyId + "." + extension;
    }

    /** Where this file of {@code film} is stored; a 409 problem unless its movie is READY. */
    public String urlIn(String storyId, FilmDocument film) {
        FilmDocument.Movie movie = film == null ? null : film.movie();
        String stored = movie != null && "READY".equals(movie.state()) ? url.apply(movie) : null;
        if (stored == null) {
            String state = film == null ? "not asked for" : movie == null ? "without a movie" : movie.state();
            throw new ProblemException(Problem.of(409, "film-not-ready", "Conflict with the current state",
                    "the film of story " + storyId + " is " + state + "; its files exist once it is READY",
                    List.of(new Problem.FieldError("id", "the film of this story is not READY yet"))));
        }
        return stored;
    }
}

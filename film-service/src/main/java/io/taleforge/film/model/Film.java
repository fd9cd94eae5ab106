package io.taleforge.film.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The film of one story; asked for once, its clips are {@link Clip} rows and its narrations
 * {@link SceneNarration} rows; the assembled movie is part of this row (WAITING, then ASSEMBLING —
 * held by a worker until {@code movieNextAt}, assembled again when its holder died — READY or FAILED).
 */
@Entity
@Table(name = "film")
public class Film {

    @Id
    @Column(name = "story_id")
    public UUID storyId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public FilmState state;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "movie_state", nullable = false, length = 16)
    public MovieState movieState;

    @Column(name = "movie_attempts", nullable = false)
    public int movieAttempts;

    @Column(name = "movie_next_at")
    public Instant movieNextAt;

    @Column(name = "movie_url", length = 2048)
    public String movieUrl;

    @Column(name = "movie_vtt_url", length = 2048)
    public String movieVttUrl;

    @Column(name = "movie_srt_url", length = 2048)
    public String movieSrtUrl;

    @Column(name = "movie_duration_ms")
    public Long movieDurationMs;

    @Column(name = "movie_size_bytes")
    public Long movieSizeBytes;

    @Column(name = "movie_error_code", length = 64)
    public String movieErrorCode;

    @Column(name = "movie_error_message", length = 4000)
    public String movieErrorMessage;

    public static Film start(UUID storyId, Instant now) {
        Film film = new Film();
        film.storyId = storyId;
        film.state = FilmState.MAKING;
        film.movieState = MovieState.WAITING;
        film.createdAt = now;
        film.updatedAt = now;
        return film;
    }

    /** Sets the film's state from its clips' (computed by the caller) and stamps the change. */
    public void settle(FilmState next, Instant now) {
        if (state != next) {
            state = next;
            updatedAt = now;
        }
    }

    /** Every clip and narration is READY: the movie is assembled (its next attempt), due at once. */
    public void assemble(Instant now) {
        movieState = MovieState.ASSEMBLING;
        movieAttempts++;
        movieNextAt = now;
        movieUrl = null;
        movieVttUrl = null;
        movieSrtUrl = null;
        movieDurationMs = null;
        movieSizeBytes = null;
        movieErrorCode = null;
        movieErrorMessage = null;
        updatedAt = now;
    }

    /** A passing failure: the same assembly attempt, due again at {@code next}. */
    public void assembleLater(Instant next) {
        movieNextAt = next;
    }

    /** The movie and its subtitles are in our media store. */
    public void movieReady(String url, String vttUrl, String srtUrl, long durationMs, long sizeBytes, Instant now) {
        movieState = MovieState.READY;
        movieUrl = url;
        movieVttUrl = vttUrl;
        movieSrtUrl = srtUrl;
        movieDurationMs = durationMs;
        movieSizeBytes = sizeBytes;
        movieNextAt = null;
        updatedAt = now;
    }

    /** The assembly failed, always with its reason. */
    public void movieFailed(String code, String message, Instant now) {
        movieState = MovieState.FAILED;
        movieErrorCode = code;
        movieErrorMessage = Reasons.of(code, message, 4000);
        movieNextAt = null;
        updatedAt = now;
    }
}

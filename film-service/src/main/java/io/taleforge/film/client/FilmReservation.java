package io.taleforge.film.client;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What the film reserves with story-service's ledger before any paid call
 * ({@code POST /stories/{id}/film-reservation}): its clips and narrations with their estimates, and
 * the answer, what was reserved now (nothing twice for a repeated request).
 */
public final class FilmReservation {

    private FilmReservation() {
    }

    public enum Kind {
        CLIP, NARRATION
    }

    /** One paid item: a scene's clip or narration, its attempt and estimate (US dollars). */
    public record Item(Kind kind, int sceneNumber, int attempt, BigDecimal estimateUsd) {
    }

    /** The request body. */
    public record Request(List<Item> items) {
    }

    /** The answer: US dollars reserved by this request. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Reserved(BigDecimal reservedUsd) {
    }
}

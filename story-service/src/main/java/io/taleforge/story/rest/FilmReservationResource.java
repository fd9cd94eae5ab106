package io.taleforge.story.rest;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.taleforge.story.model.Reservation;
import io.taleforge.story.service.Ledger;
import io.taleforge.story.service.StoryBudget;

/**
 * The film's reservation (internal: called by film-service, which estimates its clips and
 * narrations, before any of them is made): 200 with what was reserved, 402 problem+json with the
 * limit, the estimate and what is left, 404 for an unknown story.
 */
@Path("/stories/{id}/film-reservation")
@Produces(MediaType.APPLICATION_JSON)
public class FilmReservationResource {

    /** What the film is made of, as film-service reserves it. */
    public enum Kind {
        CLIP, NARRATION
    }

    /** One clip or narration attempt of a scene and its estimate in US dollars. */
    public record Item(@NotNull(message = "is required") Kind kind,
            @Min(value = 1, message = "must be 1 to 20") @Max(value = 20, message = "must be 1 to 20") int sceneNumber,
            @Min(value = 1, message = "must be at least 1") int attempt,
            @NotNull(message = "is required") @DecimalMin(value = "0", message = "must not be negative") BigDecimal estimateUsd) {
    }

    /** The request body: a clip and a narration per scene at most. */
    public record Request(@NotNull(message = "is required") @Size(max = 40, message = "at most 40 items") List<@Valid @NotNull Item> items) {
    }

    /** What this request reserved (nothing twice for a repeated one). */
    public record Reserved(BigDecimal reservedUsd) {
    }

    private final StoryBudget budget;

    public FilmReservationResource(StoryBudget budget) {
        this.budget = budget;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Reserved reserve(@PathParam("id") UUID id, @NotNull(message = "is required") @Valid Request request) {
        List<Ledger.Item> items = request.items().stream().map(i -> new Ledger.Item(
                Reservation.Purpose.valueOf(i.kind().name()), i.sceneNumber(), i.attempt(), i.estimateUsd())).toList();
        return new Reserved(budget.reserveFilm(id, items));
    }
}

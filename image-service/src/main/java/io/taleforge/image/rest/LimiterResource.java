package io.taleforge.image.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.taleforge.image.limiter.RedisRateLimiter;
import io.taleforge.image.service.GenerationService;

/** {@code GET /limiter}: the rate limiter's state for the selected provider's account (the operations page). */
@Path("/limiter")
@Produces(MediaType.APPLICATION_JSON)
public class LimiterResource {

    private final RedisRateLimiter limiter;
    private final GenerationService generation;

    public LimiterResource(RedisRateLimiter limiter, GenerationService generation) {
        this.limiter = limiter;
        this.generation = generation;
    }

    @GET
    public List<RedisRateLimiter.State> state() {
        return List.of(limiter.state(generation.account()));
    }
}

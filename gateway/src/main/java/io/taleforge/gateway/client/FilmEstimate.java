package io.taleforge.gateway.client;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** film-service's {@code GET /films/{storyId}/estimate}: what making the film is expected to cost (US dollars, 0 when free). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FilmEstimate(BigDecimal estimateUsd) {
}

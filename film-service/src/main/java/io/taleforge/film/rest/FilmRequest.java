package io.taleforge.film.rest;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /films/{storyId}}: the story's approved pictures, one per scene (the gateway sends
 * the 20 it read from approval-service).
 */
public record FilmRequest(@NotNull @NotEmpty @Size(max = 50) List<@NotNull @Valid Scene> scenes) {

    /** One approved picture: its scene and where it is ({@code /media/<key>} or an https URL). */
    public record Scene(@Min(1) @Max(50) int sceneNumber, @NotBlank @Size(max = 2048) String imageUrl) {
    }
}

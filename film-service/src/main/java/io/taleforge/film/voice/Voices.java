package io.taleforge.film.voice;

import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import io.taleforge.film.config.FilmConfig;

/** The voice selected by {@code taleforge.film.voice.name} ({@code local} or {@code openai}). */
@ApplicationScoped
public class Voices {

    private final VoiceProvider selected;

    public Voices(@Any Instance<VoiceProvider> voices, FilmConfig config) {
        String wanted = config.voice().name();
        this.selected = voices.stream().filter(v -> v.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no voice named '" + wanted + "'; known: "
                        + voices.stream().map(VoiceProvider::name).collect(Collectors.joining(", "))));
    }

    public VoiceProvider selected() {
        return selected;
    }
}

package io.taleforge.film.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.taleforge.film.config.FilmConfig;
import io.taleforge.film.provider.ClipProvider;

/** The clip provider selected by {@code taleforge.film.provider.name} among every {@link ClipProvider} bean. */
@ApplicationScoped
public class ClipProviders {

    private final Instance<ClipProvider> all;
    private final String name;
    private volatile ClipProvider selected;

    public ClipProviders(Instance<ClipProvider> all, FilmConfig config) {
        this.all = all;
        this.name = config.provider().name();
    }

    public ClipProvider selected() {
        ClipProvider provider = selected;
        if (provider == null) {
            provider = all.stream().filter(p -> p.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no clip provider named " + name
                            + " (taleforge.film.provider.name)"));
            selected = provider;
        }
        return provider;
    }
}

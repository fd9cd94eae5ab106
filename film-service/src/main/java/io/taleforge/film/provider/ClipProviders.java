package io.taleforge.film.provider;

import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import io.taleforge.film.config.FilmConfig;
import io.taleforge.film.config.SettingsCheck;

/**
 * Selects the configured {@link ClipProvider} by name ({@code taleforge.film.provider.name}) after
 * {@link SettingsCheck} (a selected provider without its keys refuses to start); created first
 * thing at start-up.
 */
@ApplicationScoped
@Startup(Interceptor.Priority.PLATFORM_BEFORE)
public class ClipProviders {

    private final ClipProvider selected;

    public ClipProviders(@Any Instance<ClipProvider> providers, FilmConfig config) {
        SettingsCheck.require(SettingsCheck.problems(config, LaunchMode.current() == LaunchMode.NORMAL));
        String wanted = config.provider().name();
        this.selected = providers.stream().filter(p -> p.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no clip provider named '" + wanted + "'; known: "
                        + providers.stream().map(ClipProvider::name).collect(Collectors.joining(", "))));
    }

    public ClipProvider selected() {
        return selected;
    }
}

package io.taleforge.image.store;

import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;

import io.quarkus.runtime.Startup;
import io.taleforge.image.config.ImageConfig;
import io.taleforge.image.config.ProviderSettingsCheck;
import io.taleforge.media.store.MediaStore;

/**
 * Selects the configured {@link MediaStore} by name ({@code taleforge.image.store.name}), after
 * {@link ProviderSettingsCheck}; created first thing at start-up, like {@code ImageProviders}.
 */
@ApplicationScoped
@Startup(Interceptor.Priority.PLATFORM_BEFORE)
public class MediaStores {

    private final MediaStore selected;

    public MediaStores(@Any Instance<MediaStore> stores, ImageConfig config) {
        ProviderSettingsCheck.require(ProviderSettingsCheck.storeProblems(config));
        String wanted = config.store().name();
        this.selected = stores.stream().filter(s -> s.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no media store named '" + wanted + "'; known: "
                        + stores.stream().map(MediaStore::name).collect(Collectors.joining(", "))));
    }

    public MediaStore selected() {
        return selected;
    }
}

package io.taleforge.image.provider;

import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import io.quarkus.runtime.LaunchMode;
import io.taleforge.image.config.ImageConfig;
import io.taleforge.image.config.ProviderSettingsCheck;

/**
 * Selects the configured {@link ImageProvider} by name ({@code taleforge.image.provider.name}),
 * after {@link ProviderSettingsCheck} (a selected provider without its key refuses to start).
 */
@ApplicationScoped
public class ImageProviders {

    private final ImageProvider selected;

    public ImageProviders(@Any Instance<ImageProvider> providers, ImageConfig config) {
        ProviderSettingsCheck.require(ProviderSettingsCheck.providerProblems(config,
                LaunchMode.current() == LaunchMode.NORMAL));
        String wanted = config.provider().name();
        this.selected = providers.stream().filter(p -> p.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no image provider named '" + wanted + "'; known: "
                        + providers.stream().map(ImageProvider::name).collect(Collectors.joining(", "))));
    }

    public ImageProvider selected() {
        return selected;
    }
}

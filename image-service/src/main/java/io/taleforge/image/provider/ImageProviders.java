package io.taleforge.image.provider;

import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import io.taleforge.image.config.ImageConfig;

/** Selects the configured {@link ImageProvider} by name ({@code taleforge.image.provider.name}). */
@ApplicationScoped
public class ImageProviders {

    private final ImageProvider selected;

    public ImageProviders(@Any Instance<ImageProvider> providers, ImageConfig config) {
        String wanted = config.provider().name();
        this.selected = providers.stream().filter(p -> p.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no image provider named '" + wanted + "'; known: "
                        + providers.stream().map(ImageProvider::name).collect(Collectors.joining(", "))));
    }

    public ImageProvider selected() {
        return selected;
    }
}

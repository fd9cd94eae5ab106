package io.taleforge.image.provider;

import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import io.taleforge.image.config.ImageConfig;
import io.taleforge.image.config.ProviderSettingsCheck;

/**
 * Selects the configured {@link ImageProvider} by name ({@code taleforge.image.provider.name}),
 * after {@link ProviderSettingsCheck} (a selected provider without its key refuses to start).
 * Created first thing at start-up, before the topics, the Kafka channels and the workers, so a
 * bad configuration stops the start before this instance joins the consumer group.
 */
@ApplicationScoped
@Startup(Interceptor.Priority.PLATFORM_BEFORE)
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

package io.taleforge.media.store;

import java.util.Optional;

import io.smallrye.config.WithDefault;

/**
 * The media store's settings, a group inside each service's own {@code @ConfigMapping}
 * ({@code taleforge.<service>.store.*}).
 */
public interface StoreConfig {

    /** The media store: {@code local} (disk, served at /media) or {@code cloudinary}. */
    @WithDefault("local")
    String name();

    /** Folder of the local disk store (shared by the services on one machine: keys are content hashes). */
    @WithDefault("${taleforge.data:./data}/media")
    String dir();

    /** Prefix of media URLs; empty means a path the gateway proxies ({@code /media/<key>}). */
    Optional<String> publicBaseUrl();
}

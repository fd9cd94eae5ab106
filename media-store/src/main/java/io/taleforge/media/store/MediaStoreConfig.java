package io.taleforge.media.store;

import io.taleforge.media.store.cloudinary.CloudinaryConfig;

/**
 * What the stores of this module read, produced as a bean by each service from its own
 * {@code @ConfigMapping} (so the keys stay {@code taleforge.<service>.store.*} and
 * {@code taleforge.<service>.cloudinary.*}).
 */
public record MediaStoreConfig(StoreConfig store, CloudinaryConfig cloudinary) {
}

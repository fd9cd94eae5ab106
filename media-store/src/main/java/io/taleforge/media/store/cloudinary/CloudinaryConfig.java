package io.taleforge.media.store.cloudinary;

import java.util.Optional;

import io.smallrye.config.WithDefault;

/**
 * The Cloudinary media store's settings ({@code store.name=cloudinary}), a group inside each
 * service's own {@code @ConfigMapping} ({@code taleforge.<service>.cloudinary.*}).
 */
public interface CloudinaryConfig {

    /** {@code cloudinary://<api_key>:<api_secret>@<cloud_name>} (CLOUDINARY_URL); explicit settings below win. */
    Optional<String> url();

    /** The cloud name (overrides the one of {@code url}). */
    Optional<String> cloudName();

    /** The API key (overrides the one of {@code url}). */
    Optional<String> apiKey();

    /** The API secret (overrides the one of {@code url}); signs uploads, is never sent. */
    Optional<String> apiSecret();

    /** An upload preset (CLOUDINARY_UPLOAD_PRESET); without api key and secret, uploads are unsigned with it. */
    Optional<String> uploadPreset();

    /** Folder prefix of public ids: {@code <folder>/<storyId>/scene-<nn>-a<attempt>}. */
    @WithDefault("taleforge")
    String folder();
}

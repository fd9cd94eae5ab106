package io.taleforge.image.config;

import java.util.ArrayList;
import java.util.List;

import io.taleforge.image.provider.openai.ImageModels;
import io.taleforge.media.store.cloudinary.CloudinarySettings;

/**
 * Refuses to start a service whose selected provider or store cannot work: {@code openai}
 * without OPENAI_API_KEY or with a model (size, quality, response format) its model table does not have, {@code cloudinary} without a parseable CLOUDINARY_URL (or a cloud name
 * with an upload preset), and the download guard's test-only flags outside tests.
 */
public final class ProviderSettingsCheck {

    private ProviderSettingsCheck() {
    }

    /** What is wrong with the provider settings; empty when nothing is. */
    public static List<String> providerProblems(ImageConfig config, boolean production) {
        List<String> problems = new ArrayList<>();
        if ("openai".equals(config.provider().name())) {
            if (config.openai().apiKey().filter(k -> !k.isBlank()).isEmpty()) {
                problems.add("image provider 'openai' needs OPENAI_API_KEY (taleforge.image.openai.api-key)");
            }
            problems.addAll(modelProblems(config.openai()));
            if (config.download().hosts().stream().allMatch(String::isBlank)) {
                problems.add("image provider 'openai' needs at least one download host"
                        + " (TALEFORGE_IMAGE_DOWNLOAD_HOSTS)");
            }
        }
        if (production && (config.download().testOnlyAllowLoopback()
                || config.download().testOnlyTrustAllCertificates())) {
            problems.add("taleforge.image.download.test-only-allow-loopback and"
                    + " test-only-trust-all-certificates are for tests only and refused in production");
        }
        return problems;
    }

    /** The configured model, size, quality and response format against the model table (or why it cannot be read). */
    static List<String> modelProblems(ImageConfig.OpenAi openai) {
        try {
            return ImageModels.load(openai.modelsFile()).problems(openai.model(), openai.size(), openai.quality(),
                    openai.responseFormat());
        } catch (IllegalStateException e) {
            return List.of(e.getMessage());
        }
    }

    /** What is wrong with the media store settings; empty when nothing is. */
    public static List<String> storeProblems(ImageConfig config) {
        List<String> problems = new ArrayList<>();
        if ("cloudinary".equals(config.store().name())) {
            CloudinarySettings.problem(config.cloudinary())
                    .ifPresent(p -> problems.add("media store 'cloudinary': " + p));
        }
        return problems;
    }

    /** Throws with every problem in one clear message. */
    public static void require(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalStateException("image-service cannot start: " + String.join("; ", problems));
        }
    }
}

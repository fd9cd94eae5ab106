package io.taleforge.film.config;

import java.util.ArrayList;
import java.util.List;

import io.taleforge.media.store.cloudinary.CloudinarySettings;

/**
 * Refuses to start a film-service whose selected provider or store cannot work: {@code kling}
 * without both keys, {@code minimax} without its key, the {@code openai} voice without its key,
 * {@code cloudinary} without usable settings,
 * and the download guard's test-only flags outside tests.
 */
public final class SettingsCheck {

    private SettingsCheck() {
    }

    /** What is wrong; empty when nothing is. */
    public static List<String> problems(FilmConfig config, boolean production) {
        List<String> problems = new ArrayList<>();
        String provider = config.provider().name();
        if ("kling".equals(provider) && (blank(config.kling().accessKey().orElse(null))
                || blank(config.kling().secretKey().orElse(null)))) {
            problems.add("clip provider 'kling' needs KLING_ACCESS_KEY and KLING_SECRET_KEY");
        }
        if ("minimax".equals(provider) && blank(config.minimax().apiKey().orElse(null))) {
            problems.add("clip provider 'minimax' needs MINIMAX_API_KEY");
        }
        if ("openai".equals(config.voice().name()) && blank(config.voice().openai().apiKey().orElse(null))) {
            problems.add("voice 'openai' needs OPENAI_API_KEY");
        }
        if ("cloudinary".equals(config.store().name())) {
            CloudinarySettings.problem(config.cloudinary()).ifPresent(p -> problems.add("media store 'cloudinary': " + p));
        }
        if (production && (config.download().testOnlyAllowLoopback()
                || config.download().testOnlyTrustAllCertificates())) {
            problems.add("taleforge.film.download.test-only-* flags are for tests only and refused in production");
        }
        return problems;
    }

    /** Throws with every problem in one clear message. */
    public static void require(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalStateException("film-service cannot start: " + String.join("; ", problems));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

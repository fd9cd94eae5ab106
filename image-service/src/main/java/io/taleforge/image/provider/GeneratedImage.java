package io.taleforge.image.provider;

import java.util.Map;

/**
 * The bytes a provider returned, their media type, the model that drew them, and the tokens the
 * provider reported billing by kind ({@code textInput}, {@code imageInput}, {@code imageOutput}; empty when
 * it reported none).
 */
public record GeneratedImage(byte[] bytes, String contentType, String model, Map<String, Long> usage) {

    public GeneratedImage {
        usage = usage == null ? Map.of() : Map.copyOf(usage);
    }

    /** An image whose provider reports no usage. */
    public GeneratedImage(byte[] bytes, String contentType, String model) {
        this(bytes, contentType, model, Map.of());
    }
}

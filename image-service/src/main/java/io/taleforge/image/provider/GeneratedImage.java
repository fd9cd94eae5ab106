package io.taleforge.image.provider;

/** The bytes a provider returned, their media type, and the model that drew them. */
public record GeneratedImage(byte[] bytes, String contentType, String model) {
}

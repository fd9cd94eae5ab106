package io.taleforge.gateway.client;

/** Bytes of a stored image with the headers worth passing on. */
public record MediaFile(byte[] bytes, String contentType, String cacheControl, String etag) {
}

package io.taleforge.film.provider;

import java.util.Base64;

/**
 * The picture a clip starts from. A provider reads it from {@code publicUrl} when our store is
 * public (Cloudinary); otherwise from the bytes, inline, in the form each provider wants.
 *
 * @param publicUrl an https URL the provider can fetch, or null when the picture is only ours
 * @param bytes the picture itself (always present)
 * @param contentType image/png, image/jpeg or image/webp
 */
public record Picture(String publicUrl, byte[] bytes, String contentType) {

    /** Raw base64, no {@code data:} prefix (Kling). */
    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** {@code data:<type>;base64,<…>} (MiniMax). */
    public String dataUrl() {
        return "data:" + contentType + ";base64," + base64();
    }

    /** The public URL when there is one, else {@code inline}. */
    public String urlOr(String inline) {
        return publicUrl != null ? publicUrl : inline;
    }
}

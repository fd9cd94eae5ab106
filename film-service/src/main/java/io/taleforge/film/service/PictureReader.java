package io.taleforge.film.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.taleforge.film.client.ImageClient;
import io.taleforge.film.provider.Picture;

/**
 * The approved picture in the form a clip provider reads: a URL of our local store
 * ({@code /media/<key>}, or the same behind a public base URL) is read from image-service, and
 * kept as the public URL when it is https; any other https URL (Cloudinary) is public and
 * providers fetch it themselves, so no bytes are read.
 */
@ApplicationScoped
public class PictureReader {

    /** The picture is gone or its URL is not one we can read: the clip fails with this reason. */
    public static class PictureUnavailable extends RuntimeException {
        public PictureUnavailable(String message) {
            super(message);
        }

        public String code() {
            return "picture_unavailable";
        }
    }

    private static final String MEDIA = "/media/";

    private final ImageClient images;

    public PictureReader(ImageClient images) {
        this.images = images;
    }

    public Picture read(String imageUrl) {
        String publicUrl = imageUrl.startsWith("https://") ? imageUrl : null;
        int media = imageUrl.indexOf(MEDIA);
        if (media >= 0) {
            String key = imageUrl.substring(media + MEDIA.length());
            ImageClient.Media picture = images.media(key)
                    .orElseThrow(() -> new PictureUnavailable("image-service has no picture " + key));
            return new Picture(publicUrl, picture.bytes(), contentType(picture.contentType(), key));
        }
        if (publicUrl != null) {
            return new Picture(publicUrl, new byte[0], contentType(null, imageUrl));
        }
        throw new PictureUnavailable("not a picture URL film-service can read: " + imageUrl);
    }

    private static String contentType(String declared, String name) {
        if (declared != null && declared.startsWith("image/")) {
            return declared.split(";")[0].trim();
        }
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".jpg") || lower.endsWith(".jpeg") ? "image/jpeg"
                : lower.endsWith(".webp") ? "image/webp" : "image/png";
    }
}

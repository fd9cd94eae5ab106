package io.taleforge.gateway.service;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.taleforge.commons.rest.ProblemException;
import io.taleforge.gateway.client.ImageClient;
import io.taleforge.gateway.client.MediaFile;

/**
 * The bytes of a story's pictures for the PDF and the export, and of its film's files, read from
 * the media store's API:
 * a {@code /media/<key>} URL (the local store's, relative or under its public base URL) through
 * image-service's {@code GET /media/{key}}, behind {@link ImageClient}'s fault tolerance.
 */
@ApplicationScoped
public class Pictures {

    private static final Pattern MEDIA_KEY = Pattern.compile("/media/([A-Za-z0-9._-]+)$");

    private final ImageClient images;

    public Pictures(ImageClient images) {
        this.images = images;
    }

    /** The picture at {@code url}; a 409 problem when the URL is not the media store's. */
    public MediaFile read(String url) {
        return read(url, "picture");
    }

    /** The stored file ({@code what}: a picture, a film file) at {@code url}; 409 {@code <what>-not-in-media-store} otherwise. */
    public MediaFile read(String url, String what) {
        String key = key(url);
        if (key == null) {
            throw ProblemException.conflict(what + "-not-in-media-store",
                    "the " + what + " " + url + " is not served by the media store's API");
        }
        return ServiceCalls.call(StoryService.IMAGE, () -> images.media(key));
    }

    /** The media key of a {@code /media/<key>} URL, relative or absolute; null for any other URL. */
    static String key(String url) {
        if (url == null) {
            return null;
        }
        String path;
        try {
            path = URI.create(url).getPath();
        } catch (IllegalArgumentException e) {
            return null;
        }
        Matcher m = path == null ? null : MEDIA_KEY.matcher(path);
        return m != null && m.find() ? m.group(1) : null;
    }

    /** The file name extension of a picture: from the key, else from its content type. */
    public static String extension(String url, String contentType) {
        String key = key(url);
        if (key != null && key.contains(".")) {
            return key.substring(key.lastIndexOf('.') + 1);
        }
        return contentType != null && contentType.contains("jpeg") ? "jpg"
                : contentType != null && contentType.contains("webp") ? "webp" : "png";
    }
}

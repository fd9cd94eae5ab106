package io.taleforge.gateway.service;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.taleforge.commons.rest.Problem;
import io.taleforge.commons.rest.ProblemException;
import io.taleforge.gateway.client.ImageClient;
import io.taleforge.gateway.client.MediaDownloads;
import io.taleforge.gateway.client.MediaFile;

/**
 * The bytes of a story's pictures for the PDF and the export, and of its film's files: a
 * {@code /media/<key>} URL (the local store's, relative or under its public base URL) is read
 * through image-service's {@code GET /media/{key}}, behind {@link ImageClient}'s fault tolerance;
 * any other https URL (Cloudinary's delivery host) is fetched under the download guard of
 * {@link MediaDownloads}. A file that cannot be had is a 502 problem naming it (the scene), never
 * a missing page.
 */
@ApplicationScoped
public class Pictures {

    private static final Pattern MEDIA_KEY = Pattern.compile("/media/([A-Za-z0-9._-]+)$");

    private final ImageClient images;
    private final MediaDownloads downloads;

    public Pictures(ImageClient images, MediaDownloads downloads) {
        this.images = images;
        this.downloads = downloads;
    }

    /** The approved picture of scene {@code number} (0: the hero's portrait) at {@code url}. */
    public MediaFile scene(int number, String url) {
        return read(url, "picture", number == 0 ? "portrait" : "picture of scene " + number, "scene",
                String.valueOf(number));
    }

    /** The stored file ({@code what}: a film file) at {@code url}; 409 {@code <what>-not-in-media-store} for no URL. */
    public MediaFile read(String url, String what) {
        return read(url, what, what, "url", url);
    }

    /** {@code kind} names the problem type, {@code what} the file in words, {@code field}={@code value} the culprit. */
    private MediaFile read(String url, String kind, String what, String field, String value) {
        String key = key(url);
        if (key != null) {
            return ServiceCalls.call(StoryService.IMAGE, () -> images.media(key));
        }
        if (!isHttps(url)) {
            throw ProblemException.conflict(kind + "-not-in-media-store",
                    "the " + what + " " + url + " is not served by the media store's API");
        }
        try {
            return downloads.download(url);
        } catch (IOException e) {
            Log.warnf("media download failed what=%s url=%s reason=%s", what, url, e.getMessage());
            throw unavailable(what, field, value, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(what, field, value, "interrupted");
        }
    }

    private static ProblemException unavailable(String what, String field, String value, String reason) {
        return new ProblemException(Problem.of(502, "media-unavailable", "A stored file could not be fetched",
                "the " + what + " could not be fetched: " + reason,
                List.of(new Problem.FieldError(field, value + ": " + reason))));
    }

    private static boolean isHttps(String url) {
        return url != null && url.regionMatches(true, 0, "https://", 0, 8);
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

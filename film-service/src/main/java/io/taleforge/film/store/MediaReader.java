package io.taleforge.film.store;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads back what film-service stored (clips, narrations) to assemble the film: a local-store
 * URL ({@code …/media/<key>}) from the store itself, a Cloudinary (https) URL by a plain GET.
 */
@ApplicationScoped
public class MediaReader {

    private static final String MEDIA = "/media/";

    private final ClipStore store;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public MediaReader(ClipStore store) {
        this.store = store;
    }

    /** The bytes stored under {@code url}; an IOException says why they cannot be had. */
    public byte[] read(String url) throws IOException, InterruptedException {
        if (url == null) {
            throw new IOException("no stored media to read");
        }
        if (url.startsWith("https://")) {
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofMinutes(2)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200) {
                throw new IOException("GET " + url + " answered " + answer.statusCode());
            }
            return answer.body();
        }
        int media = url.indexOf(MEDIA);
        if (media < 0) {
            throw new IOException("not a media URL film-service can read: " + url);
        }
        String key = url.substring(media + MEDIA.length());
        return store.selected().get(key).orElseThrow(() -> new IOException("the media store has no " + key)).bytes();
    }
}

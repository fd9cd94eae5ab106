package io.taleforge.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taleforge.testing.SseClient;

/**
 * A reader talking to the gateway only, as a browser (the cookie the gateway sets) or an API client
 * (a bearer token of its own).
 */
final class Reader {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    record Answer(int status, JsonNode body, byte[] bytes, HttpHeaders headers) {

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final String base;
    private final String bearer;
    private String cookie;

    private Reader(String base, String bearer) {
        this.base = base;
        this.bearer = bearer;
    }

    static Reader browser(String base) {
        return new Reader(base, null);
    }

    static Reader apiClient(String base, String token) {
        return new Reader(base, token);
    }

    /** The same reader (same cookie or token) talking to another gateway instance. */
    Reader at(String otherBase) {
        Reader same = new Reader(otherBase, bearer);
        same.cookie = cookie;
        return same;
    }

    String cookie() {
        return cookie;
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Answer post(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    Answer put(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    /** The story's SSE stream, from after {@code lastEventId} when given (as Last-Event-ID). */
    SseClient events(String storyId, Optional<String> lastEventId) {
        Map<String, String> headers = new HashMap<>(identity());
        lastEventId.ifPresent(id -> headers.put("Last-Event-ID", id));
        try {
            return SseClient.open(URI.create(base + "/api/stories/" + storyId + "/events"), headers);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> identity() {
        if (bearer != null) {
            return Map.of("Authorization", "Bearer " + bearer);
        }
        return cookie == null ? Map.of() : Map.of("Cookie", "taleforge_reader=" + cookie);
    }

    private Answer send(HttpRequest.Builder request) {
        identity().forEach(request::header);
        request.timeout(Duration.ofMinutes(2));
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().allValues("set-cookie").stream()
                    .filter(c -> c.startsWith("taleforge_reader="))
                    .findFirst()
                    .ifPresent(c -> cookie = c.substring("taleforge_reader=".length(), c.indexOf(';')));
            String type = response.headers().firstValue("content-type").orElse("");
            JsonNode body = type.contains("json") && response.body().length > 0 ? JSON.readTree(response.body()) : null;
            return new Answer(response.statusCode(), body, response.body(), response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String write(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

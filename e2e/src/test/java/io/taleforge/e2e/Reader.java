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
import io.taleforge.testing.ApiContract;
import io.taleforge.testing.SseClient;

/**
 * A reader talking to the gateway only, as a browser (the cookie the gateway sets) or an API client
 * (a bearer token of its own). {@link #checkedBy} makes every exchange a check against the
 * gateway's OpenAPI document.
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
    private ApiContract contract;

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
        same.contract = contract;
        return same;
    }

    /** Every request and answer of this reader from now on is checked against {@code api}. */
    Reader checkedBy(ApiContract api) {
        this.contract = api;
        return this;
    }

    /** The gateway's OpenAPI document, as served. */
    static ApiContract contractOf(String gateway) {
        return ApiContract.of(new String(browser(gateway).get("/q/openapi?format=json").bytes(),
                java.nio.charset.StandardCharsets.UTF_8));
    }

    String cookie() {
        return cookie;
    }

    Answer get(String path) {
        return send("GET", path, null);
    }

    Answer post(String path, Object body) {
        return send("POST", path, write(body));
    }

    Answer put(String path, Object body) {
        return send("PUT", path, write(body));
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

    /**
     * After approve-scenes the hero's portrait (picture 0) is drawn first: waits until it waits for
     * the reader, checks that no scene's picture started before it, rejects it once with
     * {@code note} when one is given (and waits for the redrawn attempt 2), then approves it; the
     * 20 scenes' pictures start from there. Returns the approved attempt.
     */
    /**
     * Answers the quiz: the gateway accepts the story at once (202, WRITING) and story-service writes
     * its scenes in the background; returns the story's id once its writing ended (within {@code within}).
     */
    String createStory(Map<String, ?> answers, Duration within) {
        Answer created = post("/api/stories", Map.of("answers", answers));
        if (created.status() != 202 || !"WRITING".equals(created.body().path("status").asText())) {
            throw new AssertionError("create: " + created.status() + " " + created.body());
        }
        String id = created.body().path("id").asText();
        org.awaitility.Awaitility.await("story " + id + " written").atMost(within)
                .pollInterval(Duration.ofMillis(250)).until(() -> {
                    Answer view = get("/api/stories/" + id);
                    return view.status() == 200 && !"WRITING".equals(view.body().path("story").path("status").asText());
                });
        return id;
    }

    int approvePortrait(String storyId, String note, Duration within) {
        JsonNode pending = awaitPortrait(storyId, 1, within);
        for (JsonNode scene : pending.path("scenes")) {
            if (scene.path("number").asInt() != 0 && !scene.path("image").isNull() && !scene.path("image").isMissingNode()) {
                throw new AssertionError("a scene's picture started before the portrait was approved: " + scene);
            }
        }
        int attempt = 1;
        if (note != null) {
            Answer rejected = post("/api/stories/" + storyId + "/scenes/0/approval", Map.of("action", "reject", "feedback", note));
            if (rejected.status() != 200) {
                throw new AssertionError("reject portrait: " + rejected.status() + " " + rejected.body());
            }
            attempt = 2;
            awaitPortrait(storyId, attempt, within);
        }
        Answer approved = post("/api/stories/" + storyId + "/scenes/0/approval", Map.of("action", "approve"));
        if (approved.status() != 200) {
            throw new AssertionError("approve portrait: " + approved.status() + " " + approved.body());
        }
        return attempt;
    }

    /** The state document once the portrait's {@code attempt} is READY and PENDING, listed first. */
    private JsonNode awaitPortrait(String storyId, int attempt, Duration within) {
        JsonNode[] state = new JsonNode[1];
        org.awaitility.Awaitility.await("the portrait's attempt " + attempt + " to decide on").atMost(within)
                .pollInterval(Duration.ofMillis(300)).until(() -> {
                    state[0] = get("/api/stories/" + storyId).body();
                    JsonNode portrait = state[0].path("scenes").path(0);
                    return portrait.path("number").asInt(-1) == 0
                            && portrait.path("image").path("attempt").asInt() == attempt
                            && portrait.path("image").path("status").asText().equals("READY")
                            && portrait.path("approval").path("attempt").asInt() == attempt
                            && portrait.path("approval").path("state").asText().equals("PENDING");
                });
        return state[0];
    }

    private Map<String, String> identity() {
        if (bearer != null) {
            return Map.of("Authorization", "Bearer " + bearer);
        }
        return cookie == null ? Map.of() : Map.of("Cookie", "taleforge_reader=" + cookie);
    }

    private Answer send(String method, String path, String payload) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                payload == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(payload));
        Map<String, String> headers = new HashMap<>(identity());
        if (payload != null) {
            headers.put("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        request.timeout(Duration.ofMinutes(2));
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            check(method, path, headers, payload, response);
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

    private void check(String method, String path, Map<String, String> headers, String body,
            HttpResponse<byte[]> response) {
        if (contract == null) {
            return;
        }
        Map<String, String> answerHeaders = new HashMap<>();
        response.headers().map().forEach((name, values) -> answerHeaders.put(name, values.get(0)));
        String type = answerHeaders.getOrDefault("content-type", "");
        // JSON as text; other bodies (media bytes) byte for byte, so the check sees that there is one
        String text = new String(response.body(), type.contains("json")
                ? java.nio.charset.StandardCharsets.UTF_8 : java.nio.charset.StandardCharsets.ISO_8859_1);
        contract.check(new ApiContract.Exchange(method, path, headers, body == null || body.isEmpty() ? null : body,
                response.statusCode(), answerHeaders, text));
    }

    private static String write(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

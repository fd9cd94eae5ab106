package io.taleforge.cli.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The gateway's public API as a reader with a bearer token sees it ({@code /api/...}, described by
 * {@code /q/openapi}). A 2xx answer is returned; anything else is an {@link ApiProblem} carrying the
 * gateway's problem text. The gateway's address is chosen on the command line, so this is the
 * JDK's HTTP client rather than a configured REST client.
 */
public final class GatewayApi {

    private final URI base;
    private final String token;
    private final Duration timeout;
    private final ObjectMapper json;
    private final HttpClient http;

    public GatewayApi(URI base, String token, Duration timeout, ObjectMapper json) {
        this.base = base;
        this.token = token;
        this.timeout = timeout;
        this.json = json;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    public URI base() {
        return base;
    }

    public JsonNode get(String path) {
        return readJson("GET " + path, send(request(path).GET(), path));
    }

    public JsonNode post(String path, Object body) {
        return readJson("POST " + path, send(withBody(request(path), "POST", body), path));
    }

    public JsonNode put(String path, Object body) {
        return readJson("PUT " + path, send(withBody(request(path), "PUT", body), path));
    }

    /** Downloads {@code path} into {@code target} (written next to it first, then moved into place). */
    public void download(String path, Path target) {
        HttpResponse<byte[]> answer = send(request(path).GET(), path);
        try {
            Path partial = target.resolveSibling(target.getFileName() + ".part");
            Files.write(partial, answer.body());
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json, application/problem+json, */*");
    }

    private HttpRequest.Builder withBody(HttpRequest.Builder request, String method, Object body) {
        try {
            String payload = body == null ? "" : json.writeValueAsString(body);
            return request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the request body", e);
        }
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request, String path) {
        HttpRequest built = request.build();
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.net.ConnectException e) {
            throw ApiProblem.notSent("%s %s: gateway %s not reachable (connection refused)".formatted(built.method(),
                    path, base));
        } catch (IOException e) {
            throw new ApiProblem(0, "%s %s: gateway %s not reachable (%s)".formatted(built.method(), path, base,
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiProblem(0, built.method() + " " + path + ": interrupted");
        }
        if (answer.statusCode() / 100 != 2) {
            String text = new String(answer.body(), StandardCharsets.UTF_8);
            throw ApiProblem.of(built.method() + " " + path, answer.statusCode(), parse(text), text);
        }
        return answer;
    }

    private JsonNode readJson(String call, HttpResponse<byte[]> answer) {
        if (answer.body().length == 0) {
            return json.nullNode();
        }
        JsonNode body = parse(new String(answer.body(), StandardCharsets.UTF_8));
        if (body == null) {
            throw new ApiProblem(answer.statusCode(), call + ": the answer is not JSON");
        }
        return body;
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}

package io.taleforge.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.gateway.model.StoryView;
import io.taleforge.testing.ApiContract;
import io.taleforge.testing.ApiContract.Exchange;
import io.taleforge.testing.RealInfraResource;

/**
 * Every route's request and the gateway's answer checked against the OpenAPI document it serves
 * (swagger-request-validator). Here the services are down (port 1), so the answers are the
 * gateway's own: 503, 400, 413, 415 problems. The bodies the services answer are checked by
 * serializing the public records with the application's own ObjectMapper, and against the real
 * services in e2e ({@code StoryJourneyIT}, {@code FilmJourneyIT}).
 */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class ApiContractTest {

    private static final String TOKEN = "A".repeat(43);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI base;

    @Inject
    ObjectMapper json;

    private ApiContract contract;
    private final String id = UUID.randomUUID().toString();

    @BeforeEach
    void load() {
        contract = ApiContract.of(given().accept("application/json").get("/q/openapi?format=json").asString());
    }

    @Test
    void everyRouteAndItsAnswerFitTheDocument() throws Exception {
        String story = "/api/stories/" + id;
        List<String[]> calls = List.of(
                new String[] { "GET", "/api/quiz", null },
                new String[] { "GET", "/api/stories?limit=5&after=" + id, null },
                new String[] { "POST", "/api/stories", "{\"answers\":{\"hero_name\":\"Pip\",\"wish\":\"\\ud835\\udcab\"}}" },
                new String[] { "GET", story, null },
                new String[] { "PUT", story + "/scenes/3", "{\"text\":\"Pip runs.\"}" },
                new String[] { "GET", story + "/budget", null },
                new String[] { "POST", story + "/approve-scenes", null },
                new String[] { "POST", story + "/scenes/3/approval", "{\"action\":\"reject\",\"feedback\":\"bigger ears\"}" },
                new String[] { "POST", story + "/scenes/3/approval", "{\"action\":\"approve\",\"feedback\":null}" },
                new String[] { "POST", story + "/scenes/3/retry", null },
                new String[] { "POST", story + "/approve-all", null },
                new String[] { "POST", story + "/retry-failed", null },
                new String[] { "POST", story + "/film", null },
                new String[] { "POST", story + "/film/clips/20/retry", null },
                new String[] { "POST", story + "/film/retry-failed", null },
                new String[] { "GET", story + "/film", null },
                new String[] { "GET", story + "/film/estimate", null },
                new String[] { "POST", story + "/film/narrations/20/retry", null },
                new String[] { "POST", story + "/film/assemble", null },
                new String[] { "GET", story + "/film/film.mp4", null },
                new String[] { "GET", story + "/film/subtitles.vtt", null },
                new String[] { "GET", story + "/film/subtitles.srt", null },
                new String[] { "GET", story + "/events", null },
                new String[] { "GET", story + "/book", null },
                new String[] { "GET", story + "/book.pdf", null },
                new String[] { "GET", story + "/export", null },
                new String[] { "GET", "/media/" + "a".repeat(64) + ".png", null });
        for (String[] call : calls) {
            Exchange exchange = send(call[0], call[1], call[2], true);
            assertEquals(503, exchange.status(), call[0] + " " + call[1] + " reaches a service (down here)");
            assertEquals(List.of(), contract.check(exchange));
        }
        assertEquals(calls.size(), contract.checked().size());
    }

    @Test
    void theGatewaysOwnRefusalsFitTheDocument() throws Exception {
        List<Exchange> refusals = List.of(
                send("GET", "/api/stories/nope", null, true),
                send("GET", "/api/stories?limit=abc", null, true),
                send("PUT", "/api/stories/" + id + "/scenes/21", "{\"text\":\"x\"}", true),
                send("POST", "/api/stories", "{\"answers\":{\"hero_name\":\"" + "a".repeat(70_000) + "\"}}", true),
                send("POST", "/api/stories", "{\"answers\":{}}", false));
        assertEquals(List.of(400, 400, 400, 413, 415), refusals.stream().map(Exchange::status).toList());
        for (Exchange refusal : refusals) {
            assertEquals(List.of(), contract.checkAnswer(refusal));
        }
    }

    @Test
    void whatTheDocumentRefusesIsRefused() throws Exception {
        // the contract can fail: a number where the scene's text belongs, a scene 0, an undocumented status
        assertFalse(contract.check(pair("PUT", "/api/stories/" + id + "/scenes/3", "{\"text\":7}", 200, "{}")).isEmpty());
        assertFalse(contract.check(pair("PUT", "/api/stories/" + id + "/scenes/0", "{\"text\":\"x\"}", 200, "{}")).isEmpty());
        assertFalse(contract.check(pair("GET", "/api/quiz", null, 418, null)).isEmpty());
        // a scene number in a state document is an integer, not a boolean
        assertFalse(contract.check(pair("GET", "/api/stories/" + id, null, 200,
                "{\"story\":{},\"scenes\":[{\"number\":true}],\"counts\":{},\"allApproved\":false}")).isEmpty());
    }

    @Test
    void theServicesAnswersAsTheGatewayWritesThemFitTheDocument() throws Exception {
        StoryView.Error failure = new StoryView.Error("content_policy", "refused");
        StoryView.Attempt first = new StoryView.Attempt(1, "FAILED", null, failure, "REJECTED", "make the fox red");
        StoryView.Scene scene = new StoryView.Scene(3, "underdog", "Pip is laughed at.", null,
                new StoryView.Image(2, "READY", "/media/images/a.png", null), new StoryView.Approval(2, "PENDING", null),
                List.of(first));
        StoryView.Scene refused = new StoryView.Scene(4, "underdog", "Pip runs.", null,
                new StoryView.Image(1, "READY", "/media/images/b.png", null), new StoryView.Approval(1, "REJECTED", "a hat"),
                List.of(), false, null, new StoryView.Refusal(1, "story-cap", new BigDecimal("0.07"), new BigDecimal("0.03")));
        StoryView view = new StoryView(new StoryView.Story(id, "Pip", "PROMPTED", "2026-12-01T10:00:00Z", "Pip", null, null),
                List.of(scene, refused),
                new StoryView.Counts(1, 0, 0, 20), false, "0-0", new StoryView.Film("MAKING", 0, 0, 20,
                        List.of(new StoryView.Clip(3, 1, "QUEUED", null, null, null, null, null)),
                        List.of(new StoryView.Narration(3, 2, "FAILED", null, null, "openai", "gpt-4o-mini-tts", failure)),
                        0, new StoryView.Movie("WAITING", 1, null, null, null, null, null, null)));
        check("GET", "/api/stories/" + id, null, 200, view);
        StoryView noFilm = new StoryView(view.story(), List.of(scene), view.counts(), false, null);
        check("GET", "/api/stories/" + id, null, 200, noFilm);

        ApiDocuments.Story story = new ApiDocuments.Story(UUID.fromString(id), "Pip", "DRAFTED", "2026-12-01T10:00:00Z",
                null, new ApiDocuments.Hero("fox", "Pip", "brave"), null, null,
                List.of(new ApiDocuments.Scene(3, "underdog", "Pip is laughed at.", null, null, false)), null, null, null);
        ApiDocuments.Story writing = new ApiDocuments.Story(story.id(), "Pip's Story", "WRITING", story.createdAt(),
                null, story.hero(), null, null, List.of(), null, 2, null);
        check("POST", "/api/stories", "{\"answers\":{\"hero_name\":\"Pip\"}}", 202, writing);
        check("POST", "/api/stories/" + id + "/stop-writing", null, 202, story);
        ApiDocuments.Story approved = new ApiDocuments.Story(story.id(), "Pip", "SCENES_APPROVED", story.createdAt(),
                null, story.hero(), "Pip, a small brave fox", "watercolour", List.of(new ApiDocuments.Scene(3, "underdog",
                        "Pip is laughed at.", "Illustration of scene 3", null, false)),
                new ApiDocuments.Scene(0, "portrait", "Pip alone", "Character portrait: Pip alone", 1, false), null,
                null);
        check("POST", "/api/stories/" + id + "/approve-scenes", null, 202, approved);
        check("PUT", "/api/stories/" + id + "/scenes/3", "{\"text\":\"Pip.\"}", 200, story.scenes().get(0));
        check("GET", "/api/stories/" + id + "/budget", null, 200, new ApiDocuments.Budget(new BigDecimal("1.47"),
                new BigDecimal("0.07"), new BigDecimal("2.17"), new BigDecimal("1.54"), new BigDecimal("0")));
        check("GET", "/api/stories/" + id + "/budget", null, 200, new ApiDocuments.Budget(BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, null));
        check("GET", "/api/stories?limit=1", null, 200, new ApiDocuments.StoryPage(List.of(new ApiDocuments.StorySummary(
                UUID.fromString(id), "Pip", "DRAFTED", "2026-12-01T10:00:00Z", null, null, null, null, null, null, null),
                new ApiDocuments.StorySummary(UUID.fromString(id), "Pip", "REGENERATING", "2026-12-01T10:00:00Z", null,
                        null, null, null, false, new BigDecimal("1.54"), new BigDecimal("0.03"))), null));
        ApiDocuments.SceneApproval approval = new ApiDocuments.SceneApproval(3, 2, "REJECTED", "/media/images/a.png",
                null, "bigger ears");
        check("POST", "/api/stories/" + id + "/scenes/3/approval", "{\"action\":\"reject\"}", 200, approval);
        check("POST", "/api/stories/" + id + "/scenes/3/retry", null, 202, approval);
        check("POST", "/api/stories/" + id + "/approve-all", null, 200,
                new ApiDocuments.Bulk(UUID.fromString(id), List.of(approval)));
        check("POST", "/api/stories/" + id + "/film", null, 202, view.film());
        StoryView.Film ready = new StoryView.Film("READY", 20, 0, 20,
                List.of(new StoryView.Clip(3, 1, "READY", "/media/c.mp4", 4000L, "local", "ffmpeg", null)),
                List.of(new StoryView.Narration(3, 1, "READY", "/media/n.wav", 3500L, "local", "espeak-ng", null)), 20,
                new StoryView.Movie("READY", 1, "/media/f.mp4", "/media/s.vtt", "/media/s.srt", 81_000L, 2_400_000L, null));
        check("GET", "/api/stories/" + id + "/film", null, 200, ready);
        check("POST", "/api/stories/" + id + "/film/narrations/3/retry", null, 202, view.film());
        check("POST", "/api/stories/" + id + "/film/assemble", null, 202, new StoryView.Film("MAKING", 20, 0, 20,
                List.of(), List.of(), 20, new StoryView.Movie("ASSEMBLING", 2, null, null, null, null, null, null)));
        check("GET", "/api/stories/" + id, null, 200, view.withFilm(ready));
        check("GET", "/api/quiz", null, 200, new ApiDocuments.Quiz(List.of(
                new ApiDocuments.Question("hero_name", "Name?", "text", true, List.of(), 30, null),
                new ApiDocuments.Question("mentor", "Who?", "choice", true,
                        List.of(new ApiDocuments.Option("owl", "Owl")), null, new ApiDocuments.ShowIf("discovery", "mentor")))));
    }

    private void check(String method, String path, String requestBody, int status, Object answer) throws Exception {
        Exchange exchange = pair(method, path, requestBody, status, json.writeValueAsString(answer));
        assertEquals(List.of(), contract.check(exchange), exchange.responseBody());
    }

    private static Exchange pair(String method, String path, String requestBody, int status, String answer) {
        Map<String, String> request = new HashMap<>(Map.of("Authorization", "Bearer " + TOKEN));
        if (requestBody != null) {
            request.put("Content-Type", "application/json");
        }
        Map<String, String> response = answer == null ? Map.of() : Map.of("Content-Type", "application/json");
        return new Exchange(method, path, request, requestBody, status, response, answer);
    }

    private Exchange send(String method, String path, String body, boolean typed) throws Exception {
        Map<String, String> headers = new HashMap<>(Map.of("Authorization", "Bearer " + TOKEN));
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && typed) {
            headers.put("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> answerHeaders = new HashMap<>();
        answer.headers().map().forEach((name, values) -> answerHeaders.put(name, values.get(0)));
        assertTrue(answerHeaders.getOrDefault("content-type", "").startsWith("application/problem+json"), path);
        return new Exchange(method, path, headers, body, answer.statusCode(), answerHeaders, answer.body());
    }
}

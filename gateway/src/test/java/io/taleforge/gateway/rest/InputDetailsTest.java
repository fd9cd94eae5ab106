package io.taleforge.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.taleforge.testing.RealInfraResource;

/**
 * The details of input a client trips over: lone surrogates, methods a route does not have,
 * OPTIONS, and a body without a content type. Each is answered by the gateway before any service
 * is called (nothing answers on port 1 in tests, so getting past the gateway's checks is a 503).
 */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class InputDetailsTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String LONE = "\\ud800";
    private static final String PAIR = "\\ud835\\udcab";

    private final String story = UUID.randomUUID().toString();

    @TestHTTPResource("/")
    URI base;

    @Test
    void aLoneSurrogateIsRefusedNamingTheField() {
        given().contentType(ContentType.JSON).body("{\"text\":\"Pip" + LONE + "\"}")
                .when().put("/api/stories/" + story + "/scenes/3")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("text"));
        given().contentType(ContentType.JSON).body("{\"action\":\"reject\",\"feedback\":\"" + LONE + "x\"}")
                .when().post("/api/stories/" + story + "/scenes/3/approval")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("feedback"));
        given().contentType(ContentType.JSON).body("{\"answers\":{\"hero_name\":\"" + "\\udcab" + "Pip\"}}")
                .when().post("/api/stories")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("answers.hero_name"));
    }

    @Test
    void aSurrogatePairIsOneCharacterAndPasses() {
        // past the gateway's checks: story-service is asked (and is down here)
        given().contentType(ContentType.JSON).body("{\"answers\":{\"hero_name\":\"" + PAIR.repeat(16) + "\"}}")
                .when().post("/api/stories").then().statusCode(503);
        given().contentType(ContentType.JSON).body("{\"text\":\"" + PAIR + "\"}")
                .when().put("/api/stories/" + story + "/scenes/3").then().statusCode(503);
    }

    @Test
    void aMethodARouteDoesNotHaveIs405WithAllow() {
        given().when().delete("/api/stories/" + story).then().statusCode(405).contentType(PROBLEM)
                .header("Allow", "GET, HEAD, OPTIONS").body("status", equalTo(405));
        given().contentType(ContentType.JSON).body("{}").when().put("/api/quiz").then().statusCode(405)
                .header("Allow", "GET, HEAD, OPTIONS");
        given().when().get("/api/stories/" + story + "/approve-scenes").then().statusCode(405)
                .header("Allow", "OPTIONS, POST");
        given().when().delete("/media/abc.png").then().statusCode(405).header("Allow", "GET, HEAD, OPTIONS");
    }

    @Test
    void optionsAdvertisesOnlyTheMethodsThatExist() {
        given().when().options("/api/stories").then().statusCode(204).header("Allow", "GET, HEAD, OPTIONS, POST");
        given().when().options("/api/stories/" + story + "/scenes/4").then().statusCode(204)
                .header("Allow", "OPTIONS, PUT");
        given().when().options("/api/stories/" + story + "/film/clips/2/retry").then().statusCode(204)
                .header("Allow", "OPTIONS, POST");
        // HEAD is advertised beside GET because it works: the same checks as GET
        given().when().head("/api/stories/nope").then().statusCode(400);
        given().when().options("/api/nothing-here").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void aBodyWithoutAContentTypeIs415() throws Exception {
        for (String[] call : new String[][] { { "POST", "/api/stories", "{\"answers\":{\"hero_name\":\"Pip\"}}" },
                { "PUT", "/api/stories/" + story + "/scenes/3", "{\"text\":\"Pip\"}" },
                { "POST", "/api/stories/" + story + "/approve-scenes", "{}" } }) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(call[1]))
                    .method(call[0], HttpRequest.BodyPublishers.ofString(call[2])).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(415, answer.statusCode(), call[0] + " " + call[1]);
            assertEquals(PROBLEM, answer.headers().firstValue("Content-Type").orElse(""));
            assertTrue(answer.body().contains("\"field\":\"Content-Type\""), answer.body());
        }
        // no body, no content type: fine (approve-scenes takes none; story-service is down here)
        given().when().post("/api/stories/" + story + "/approve-scenes").then().statusCode(503);
    }
}

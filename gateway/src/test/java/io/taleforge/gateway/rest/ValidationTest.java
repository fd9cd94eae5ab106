package io.taleforge.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.taleforge.testing.RealInfraResource;

/**
 * Bad input on every route is a problem+json naming the field, decided by the gateway before any
 * service is called; a service that is down (nothing answers on port 1 in tests) is a 503.
 */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class ValidationTest {

    private static final String PROBLEM = "application/problem+json";
    private final String story = UUID.randomUUID().toString();

    @Test
    void aStoryIdThatIsNotAUuidIsField_id() {
        for (String path : new String[] { "/api/stories/nope", "/api/stories/nope/events" }) {
            given().when().get(path).then().statusCode(400).contentType(PROBLEM)
                    .body("errors[0].field", equalTo("id"));
        }
        given().when().post("/api/stories/12345/approve-scenes").then().statusCode(400)
                .body("errors[0].field", equalTo("id"));
        given().contentType(ContentType.JSON).body("{\"text\":\"x\"}").when().put("/api/stories/12345/scenes/1")
                .then().statusCode(400).body("errors[0].field", equalTo("id"));
        given().contentType(ContentType.JSON).body("{\"action\":\"approve\"}")
                .when().post("/api/stories/x/scenes/1/approval")
                .then().statusCode(400).body("errors[0].field", equalTo("id"));
        given().when().post("/api/stories/x/scenes/1/retry").then().statusCode(400)
                .body("errors[0].field", equalTo("id"));
        given().when().post("/api/stories/x/approve-all").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("id"));
        given().when().post("/api/stories/x/retry-failed").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("id"));
    }

    @Test
    void everyWrongFieldIsNamedAtOnce() {
        given().contentType(ContentType.JSON).body("{\"action\":\"maybe\"}").when().post("/api/stories/x/scenes/99/approval")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("action", "id", "n"));
    }

    @Test
    void theFilmRoutesCheckTheStoryIdAndSceneNumber() {
        given().when().post("/api/stories/nope/film").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("id"));
        given().when().post("/api/stories/nope/film/retry-failed").then().statusCode(400)
                .body("errors[0].field", equalTo("id"));
        given().when().post("/api/stories/nope/film/clips/1/retry").then().statusCode(400)
                .body("errors[0].field", equalTo("id"));
        given().when().post("/api/stories/nope/film/narrations/1/retry").then().statusCode(400)
                .body("errors[0].field", equalTo("id"));
        given().when().post("/api/stories/nope/film/assemble").then().statusCode(400)
                .body("errors[0].field", equalTo("id"));
        for (String n : new String[] { "0", "21", "x" }) {
            given().when().post("/api/stories/" + story + "/film/clips/" + n + "/retry").then().statusCode(400)
                    .contentType(PROBLEM).body("errors[0].field", equalTo("n"));
            given().when().post("/api/stories/" + story + "/film/narrations/" + n + "/retry").then().statusCode(400)
                    .contentType(PROBLEM).body("errors[0].field", equalTo("n"));
        }
        for (String file : new String[] { "", "/film.mp4", "/subtitles.vtt", "/subtitles.srt" }) {
            given().when().get("/api/stories/nope/film" + file).then().statusCode(400).contentType(PROBLEM)
                    .body("errors[0].field", equalTo("id"));
            // the ownership check comes first: with story-service down film-service is never asked
            given().when().get("/api/stories/" + story + "/film" + file).then().statusCode(503).contentType(PROBLEM)
                    .body("detail", containsString("story-service"));
        }
        // the ownership check comes first: with story-service down the film is never asked for
        given().when().post("/api/stories/" + story + "/film").then().statusCode(503).contentType(PROBLEM)
                .body("detail", containsString("story-service"));
    }

    @Test
    void theBookRoutesCheckTheStoryIdThenTheOwner() {
        for (String route : new String[] { "/book", "/book.pdf", "/export" }) {
            given().when().get("/api/stories/nope" + route).then().statusCode(400).contentType(PROBLEM)
                    .body("errors[0].field", equalTo("id"));
            // the ownership check comes first: with story-service down nothing else is asked
            given().when().get("/api/stories/" + story + route).then().statusCode(503).contentType(PROBLEM)
                    .body("detail", containsString("story-service"));
        }
        given().when().get("/stories/" + story + "/book").then().statusCode(200)
                .contentType(containsString("text/html")).body(containsString("/book.js"));
        given().when().get("/schemas/story.schema.json").then().statusCode(200)
                .body("title", containsString("story export"));
        // the routes next to the book's still answer as before
        given().when().get("/api/stories/" + story).then().statusCode(503);
        given().when().get("/api/stories/nope/events").then().statusCode(400).body("errors[0].field", equalTo("id"));
    }

    @Test
    void aSceneNumberOutside1To20IsField_n() {
        // a scene's text is 1 to 20; a picture to decide on or retry is 0 (the hero's portrait) to 20
        given().contentType(ContentType.JSON).body("{\"text\":\"x\"}")
                .when().put("/api/stories/" + story + "/scenes/0")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("n"));
        for (String n : new String[] { "21", "abc", "-1" }) {
            given().contentType(ContentType.JSON).body("{\"text\":\"x\"}")
                    .when().put("/api/stories/" + story + "/scenes/" + n)
                    .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("n"));
            given().contentType(ContentType.JSON).body("{\"action\":\"approve\"}")
                    .when().post("/api/stories/" + story + "/scenes/" + n + "/approval")
                    .then().statusCode(400).body("errors[0].field", equalTo("n"));
            given().when().post("/api/stories/" + story + "/scenes/" + n + "/retry")
                    .then().statusCode(400).body("errors[0].field", equalTo("n"));
        }
    }

    @Test
    void bodiesAreRequestRecords() {
        given().contentType(ContentType.JSON).body("{}").when().post("/api/stories")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("answers"));
        given().contentType(ContentType.JSON).body("{\"answers\":\"dog\"}").when().post("/api/stories")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("answers"));
        given().contentType(ContentType.JSON).body("{\"text\":7}").when().put("/api/stories/" + story + "/scenes/3")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("text"));
        given().contentType(ContentType.JSON).body("{}").when().put("/api/stories/" + story + "/scenes/3")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("text"));
        given().contentType(ContentType.JSON).body("{}").when().post("/api/stories/" + story + "/scenes/2/approval")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("action"));
    }

    @Test
    void bodiesMustBeJsonObjects() {
        given().contentType(ContentType.JSON).body("[1,2]").when().post("/api/stories")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("body"));
        given().contentType(ContentType.JSON).body("{not json").when().post("/api/stories")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("body"));
        given().contentType(ContentType.JSON).when().put("/api/stories/" + story + "/scenes/3")
                .then().statusCode(400).body("errors[0].field", equalTo("body"));
    }

    @Test
    void aDecisionNeedsAKnownActionAndTextFeedback() {
        given().contentType(ContentType.JSON).body("{\"action\":\"maybe\"}")
                .when().post("/api/stories/" + story + "/scenes/2/approval")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("action"));
        given().contentType(ContentType.JSON).body("{\"action\":\"reject\",\"feedback\":42}")
                .when().post("/api/stories/" + story + "/scenes/2/approval")
                .then().statusCode(400).body("errors[0].field", equalTo("feedback"));
    }

    @Test
    void pagingParametersAreChecked() {
        given().when().get("/api/stories?limit=0").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().when().get("/api/stories?limit=101").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().when().get("/api/stories?after=zzz").then().statusCode(400).body("errors[0].field", equalTo("after"));
        given().when().get("/api/stories?limit=abc").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("limit"));
    }

    @Test
    void aLastEventIdMustBeAStreamId() {
        given().header("Last-Event-ID", "yesterday").when().get("/api/stories/" + story + "/events")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("Last-Event-ID"));
        given().when().get("/api/stories/" + story + "/events?lastEventId=1-x")
                .then().statusCode(400).body("errors[0].field", equalTo("lastEventId"));
        // above 2^64 - 1: a clear 400, not a NumberFormatException in the middle of the stream
        for (String tooBig : new String[] { "18446744073709551616-0", "1-18446744073709551616", "99999999999999999999-0" }) {
            given().header("Last-Event-ID", tooBig).when().get("/api/stories/" + story + "/events")
                    .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("Last-Event-ID"));
        }
    }

    @Test
    void aMediaKeyMustLookLikeOne() {
        given().when().get("/media/a/..%2F..%2Fetc/passwd").then().statusCode(400).contentType(PROBLEM);
        given().when().get("/media/bad key!.png").then().statusCode(400).body("errors[0].field", equalTo("key"));
    }

    @Test
    void bodiesOver64KAreRefused() {
        String big = "{\"answers\":{\"x\":\"" + "a".repeat(70_000) + "\"}}";
        given().contentType(ContentType.JSON).body(big).when().post("/api/stories")
                .then().statusCode(413).contentType(PROBLEM);
    }

    @Test
    void aServiceThatIsDownIsA503Problem() {
        given().when().get("/api/quiz").then().statusCode(503).contentType(PROBLEM)
                .header("Retry-After", notNullValue())
                .body("status", equalTo(503))
                .body("detail", containsString("story-service"));
        given().when().get("/api/stories/" + story).then().statusCode(503).contentType(PROBLEM);
        given().when().get("/media/abc.png").then().statusCode(503).contentType(PROBLEM);
    }

    @Test
    void theOpenApiDocumentListsThePublicApi() {
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/stories/{id}/events'", notNullValue())
                .body("paths.'/api/stories/{id}/scenes/{n}/approval'", notNullValue())
                .body("paths.'/api/quiz'", notNullValue())
                .body("paths.'/api/stories/{id}/book.pdf'", notNullValue())
                .body("paths.'/api/stories/{id}/export'", notNullValue());
    }
}

package io.taleforge.story.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.taleforge.story.TestStories;
import io.taleforge.testing.RealInfraResource;

/** Every kind of bad input answers 400 application/problem+json naming the field. */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class StoryValidationTest {

    static Stream<Arguments> badAnswers() {
        return Stream.of(
                bad("missing required choice", "answers.hero_species", a -> a.remove("hero_species")),
                bad("missing required text", "answers.hero_name", a -> a.remove("hero_name")),
                bad("blank required text", "answers.hero_name", a -> a.put("hero_name", "   \n ")),
                bad("text too long", "answers.hero_name", a -> a.put("hero_name", "x".repeat(31))),
                bad("control characters", "answers.hero_name", a -> a.put("hero_name", "Pip\u0007")),
                bad("optional text too long", "answers.wish", a -> a.put("wish", "y".repeat(121))),
                bad("choice not an option", "answers.setting", a -> a.put("setting", "mars")),
                bad("choice of another question", "answers.hero_trait", a -> a.put("hero_trait", "fox")),
                bad("not a string", "answers.hero_species", a -> a.put("hero_species", 7)),
                bad("list instead of a string", "answers.ending", a -> a.put("ending", List.of("funny"))),
                bad("unknown key", "answers.favourite_colour", a -> a.put("favourite_colour", "blue")),
                bad("follow-up of a branch not taken", "answers.discovery_mentor", a -> a.put("discovery_mentor", "bear")),
                bad("follow-up of the branch missing", "answers.discovery_object", a -> a.remove("discovery_object")),
                bad("follow-up not among its options", "answers.discovery_object", a -> a.put("discovery_object", "sword")));
    }

    private static Arguments bad(String name, String field, Consumer<Map<String, Object>> change) {
        return Arguments.of(name, field, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAnswers")
    void badAnswerIsNamed(String name, String field, Consumer<Map<String, Object>> change) {
        Map<String, Object> answers = new HashMap<>(TestStories.answers());
        change.accept(answers);
        given().contentType(ContentType.JSON).header(TestStories.OWNER_HEADER, TestStories.owner())
                .body(TestStories.body(answers)).when().post("/stories")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://taleforge.io/problems/invalid-request"))
                .body("status", equalTo(400))
                .body("errors.size()", equalTo(1))
                .body("errors[0].field", equalTo(field));
    }

    @Test
    void everyBadFieldIsNamedAtOnce() {
        Map<String, Object> answers = new HashMap<>(TestStories.answers());
        answers.remove("hero_name");
        answers.put("style", "oil");
        answers.put("extra", "x");
        given().contentType(ContentType.JSON).header(TestStories.OWNER_HEADER, TestStories.owner())
                .body(TestStories.body(answers)).when().post("/stories")
                .then().statusCode(400)
                .body("errors.size()", equalTo(3))
                .body("errors.field", hasItem("answers.hero_name"))
                .body("errors.field", hasItem("answers.style"))
                .body("errors.field", hasItem("answers.extra"));
    }

    @Test
    void ownerHeaderIsRequiredAndShapedOnCreate() {
        given().contentType(ContentType.JSON).body(TestStories.body(TestStories.answers())).when().post("/stories")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("X-Taleforge-Owner"));
        given().contentType(ContentType.JSON).header(TestStories.OWNER_HEADER, "not-a-hash")
                .body(TestStories.body(TestStories.answers())).when().post("/stories")
                .then().statusCode(400).body("errors[0].field", equalTo("X-Taleforge-Owner"));
    }

    @Test
    void answersAreRequired() {
        given().contentType(ContentType.JSON).header(TestStories.OWNER_HEADER, TestStories.owner())
                .body("{}").when().post("/stories")
                .then().statusCode(400).body("errors[0].field", equalTo("answers"));
        given().contentType(ContentType.JSON).header(TestStories.OWNER_HEADER, TestStories.owner())
                .body("{\"answers\": \"all of them\"}").when().post("/stories")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("answers"));
        given().contentType(ContentType.JSON).header(TestStories.OWNER_HEADER, TestStories.owner())
                .body("{\"answers\": {").when().post("/stories")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("answers"));
        given().contentType(ContentType.JSON).header(TestStories.OWNER_HEADER, TestStories.owner())
                .body("not json").when().post("/stories")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"));
    }

    @Test
    void badSceneEditsAreNamed() {
        String owner = TestStories.owner();
        String id = TestStories.create(owner);
        for (String n : List.of("0", "21", "two")) {
            edit(owner, id, n, Map.of("text", "A new text about Pip.")).statusCode(400).body("errors[0].field", equalTo("n"));
        }
        edit(owner, id, "3", Map.of()).statusCode(400).body("errors[0].field", equalTo("text"));
        edit(owner, id, "3", Map.of("text", "   ")).statusCode(400).body("errors[0].field", equalTo("text"));
        edit(owner, id, "3", Map.of("text", 42)).statusCode(400).body("errors[0].field", equalTo("text"));
        edit(owner, id, "3", Map.of("text", "z".repeat(2001))).statusCode(400)
                .body("errors[0].field", equalTo("text"))
                .body("errors[0].message", startsWith("must be at most 2000"));
    }

    /** Limits count characters (code points): "𝒫" is one character, two UTF-16 units. */
    @Test
    void lengthLimitsCountCharactersNotUtf16Units() {
        String script = "\uD835\uDCAB";
        Map<String, Object> answers = new HashMap<>(TestStories.answers());
        answers.put("hero_name", script.repeat(16));
        given().contentType(ContentType.JSON).header(TestStories.OWNER_HEADER, TestStories.owner())
                .body(TestStories.body(answers)).when().post("/stories").then().statusCode(202);
        answers.put("hero_name", script.repeat(31));
        given().contentType(ContentType.JSON).header(TestStories.OWNER_HEADER, TestStories.owner())
                .body(TestStories.body(answers)).when().post("/stories")
                .then().statusCode(400).body("errors[0].field", equalTo("answers.hero_name"));
        String owner = TestStories.owner();
        String id = TestStories.create(owner);
        given().contentType(ContentType.JSON).header(TestStories.OWNER_HEADER, owner)
                .body(Map.of("text", script.repeat(2000))).when().put("/stories/{id}/scenes/{n}", id, "3")
                .then().statusCode(200).body("text", equalTo(script.repeat(2000)));
        edit(owner, id, "3", Map.of("text", script.repeat(2001))).statusCode(400).body("errors[0].field", equalTo("text"));
    }

    @Test
    void badPagingIsNamed() {
        for (String limit : List.of("0", "101", "many")) {
            given().queryParam("limit", limit).when().get("/stories")
                    .then().statusCode(400).body("errors[0].field", equalTo("limit"));
        }
        given().queryParam("after", "not-an-id").when().get("/stories")
                .then().statusCode(400).body("errors[0].field", equalTo("after"));
    }

    private static io.restassured.response.ValidatableResponse edit(String owner, String id, String n, Object body) {
        return given().contentType(ContentType.JSON).header(TestStories.OWNER_HEADER, owner).body(body)
                .when().put("/stories/{id}/scenes/{n}", id, n).then().contentType("application/problem+json");
    }
}

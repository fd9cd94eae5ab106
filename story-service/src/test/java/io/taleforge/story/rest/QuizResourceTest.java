package io.taleforge.story.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.taleforge.story.TestStories;
import io.taleforge.testing.RealInfraResource;

@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class QuizResourceTest {

    @Test
    void quizHasKindsOptionsLimitsAndBranching() {
        given().when().get("/quiz")
                .then().statusCode(200)
                .body("questions.id", hasItems("hero_species", "hero_name", "hero_trait", "setting", "rejection",
                        "discovery", "discovery_power", "discovery_object", "discovery_mentor", "antagonist", "style",
                        "ending", "wish"))
                .body("questions.find { it.id == 'hero_species' }.kind", equalTo("choice"))
                .body("questions.find { it.id == 'hero_species' }.options.value", hasItems("fox", "mouse", "owl"))
                .body("questions.find { it.id == 'hero_name' }.kind", equalTo("text"))
                .body("questions.find { it.id == 'hero_name' }.maxLength", equalTo(30))
                .body("questions.find { it.id == 'hero_name' }.required", equalTo(true))
                .body("questions.find { it.id == 'wish' }.required", equalTo(false))
                .body("questions.find { it.id == 'discovery' }.options.value", hasItems("power", "object", "mentor"))
                .body("questions.find { it.id == 'discovery' }.showIf", nullValue())
                .body("questions.find { it.id == 'discovery_power' }.showIf.questionId", equalTo("discovery"))
                .body("questions.find { it.id == 'discovery_power' }.showIf.equals", equalTo("power"))
                .body("questions.find { it.id == 'discovery_object' }.showIf.equals", equalTo("object"))
                .body("questions.find { it.id == 'discovery_mentor' }.showIf.equals", equalTo("mentor"));
    }

    @Test
    void eachBranchAsksItsOwnFollowUp() {
        for (String[] branch : new String[][] {{"power", "discovery_power", "light"},
                {"object", "discovery_object", "compass"}, {"mentor", "discovery_mentor", "crane"}}) {
            Map<String, Object> answers = new HashMap<>(TestStories.answers());
            answers.remove("discovery_object");
            answers.put("discovery", branch[0]);
            // the branch's follow-up is required...
            given().contentType(ContentType.JSON).header(TestStories.OWNER_HEADER, TestStories.owner())
                    .body(TestStories.body(answers)).when().post("/stories")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItems("answers." + branch[1]));
            // ...and suffices
            answers.put(branch[1], branch[2]);
            String title = given().contentType(ContentType.JSON).header(TestStories.OWNER_HEADER, TestStories.owner())
                    .body(TestStories.body(answers)).when().post("/stories")
                    .then().statusCode(202).extract().path("title");
            assertEquals(false, title.isBlank());
        }
    }

    @Test
    void aFollowUpOfAnotherBranchIsRefused() {
        Map<String, Object> answers = new HashMap<>(TestStories.answers());
        answers.put("discovery_power", "wind");
        given().contentType(ContentType.JSON).header(TestStories.OWNER_HEADER, TestStories.owner())
                .body(TestStories.body(answers)).when().post("/stories")
                .then().statusCode(400)
                .body("errors.size()", equalTo(1))
                .body("errors[0].field", equalTo("answers.discovery_power"))
                .body("errors[0].message", equalTo("is not asked when discovery is not power"));
    }
}

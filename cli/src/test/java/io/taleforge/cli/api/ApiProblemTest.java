package io.taleforge.cli.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ApiProblemTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theProblemTextNamesTheTitleTheDetailAndEachWrongField() throws Exception {
        JsonNode problem = JSON.readTree("{\"type\":\"https://taleforge.io/problems/invalid-answers\","
                + "\"title\":\"Invalid quiz answers\",\"status\":400,\"detail\":\"2 answers are wrong\","
                + "\"errors\":[{\"field\":\"answers.species\",\"message\":\"must be one of the options\"},"
                + "{\"field\":\"answers.name\",\"message\":\"is required\"}]}");
        ApiProblem e = ApiProblem.of("POST /api/stories", 400, problem, null);
        assertEquals(400, e.status());
        assertFalse(e.mayHaveActed(), "a refusal did nothing");
        assertEquals("400 Invalid quiz answers: 2 answers are wrong (answers.species: must be one of the options; "
                + "answers.name: is required)", e.getMessage());
    }

    @Test
    void aFieldTheDetailAlreadyNamesIsNotRepeated() throws Exception {
        JsonNode problem = JSON.readTree("{\"title\":\"The request is not valid\",\"status\":400,"
                + "\"detail\":\"answers.hero_species: must be one of fox, owl\","
                + "\"errors\":[{\"field\":\"answers.hero_species\",\"message\":\"must be one of fox, owl\"}]}");
        assertEquals("400 The request is not valid: answers.hero_species: must be one of fox, owl",
                ApiProblem.of("POST /api/stories", 400, problem, null).getMessage());
    }

    @Test
    void onlyARequestThatNeverLeftIsKnownToHaveDoneNothingWithoutAnAnswer() {
        assertTrue(new ApiProblem(0, "POST /api/stories: timed out").mayHaveActed());
        assertFalse(ApiProblem.notSent("POST /api/stories: connection refused").mayHaveActed());
    }

    @Test
    void anAnswerThatIsNoProblemDocumentIsShownAsItCame() {
        ApiProblem e = ApiProblem.of("GET /api/stories/x", 502, null, "<html>Bad gateway</html>");
        assertFalse(e.mayHaveActed());
        assertEquals("GET /api/stories/x answered 502: <html>Bad gateway</html>", e.getMessage());
    }
}

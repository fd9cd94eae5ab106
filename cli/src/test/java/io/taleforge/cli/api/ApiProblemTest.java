package io.taleforge.cli.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        assertEquals("400 Invalid quiz answers: 2 answers are wrong (answers.species: must be one of the options; "
                + "answers.name: is required)", e.getMessage());
    }

    @Test
    void anAnswerThatIsNoProblemDocumentIsShownAsItCame() {
        ApiProblem e = ApiProblem.of("GET /api/stories/x", 502, null, "<html>Bad gateway</html>");
        assertEquals("GET /api/stories/x answered 502: <html>Bad gateway</html>", e.getMessage());
    }
}

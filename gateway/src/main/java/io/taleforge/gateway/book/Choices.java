package io.taleforge.gateway.book;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** The reader's quiz choices in one line, in the quiz's order, each as the quiz words it. */
public final class Choices {

    public static final String SEPARATOR = " · ";

    private Choices() {
    }

    /**
     * @param quiz story-service's {@code GET /quiz}: {@code questions[{id, options[{value, label}]}]}
     * @param answers the story's answers by question id
     */
    public static String line(JsonNode quiz, Map<String, Object> answers) {
        if (answers == null || answers.isEmpty()) {
            return "";
        }
        List<String> words = new ArrayList<>();
        for (JsonNode question : quiz.path("questions")) {
            Object answer = answers.get(question.path("id").asText());
            if (answer != null && !String.valueOf(answer).isBlank()) {
                words.add(label(question, String.valueOf(answer)));
            }
        }
        return String.join(SEPARATOR, words);
    }

    private static String label(JsonNode question, String value) {
        for (JsonNode option : question.path("options")) {
            if (value.equals(option.path("value").asText())) {
                return option.path("label").asText(value);
            }
        }
        return value.strip();
    }
}

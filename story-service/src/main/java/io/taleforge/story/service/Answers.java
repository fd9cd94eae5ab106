package io.taleforge.story.service;

import java.util.Map;

/** Validated, normalized quiz answers: question id to value (choice value or trimmed text), in quiz order. */
public record Answers(Map<String, String> values) {

    public String get(String questionId) {
        return values.get(questionId);
    }

    /** The follow-up answer of the discovery branch that was taken. */
    public String discoveryDetail() {
        return values.get("discovery_" + values.get(QuizService.DISCOVERY));
    }
}

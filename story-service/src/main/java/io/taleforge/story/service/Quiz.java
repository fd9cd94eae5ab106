package io.taleforge.story.service;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The quiz: questions with ids, kinds, options, limits, and branching ({@code showIf}: a
 * question is asked only when an earlier answer equals a value).
 */
public record Quiz(List<Question> questions) {

    public enum Kind {
        CHOICE, TEXT;

        @JsonValue
        public String wire() {
            return name().toLowerCase();
        }
    }

    public record Option(String value, String label) {
    }

    public record ShowIf(String questionId, String equals) {
    }

    /**
     * One question. {@code options} is empty for free text; {@code maxLength} is null for a
     * choice; {@code showIf} is null for a question that is always asked.
     */
    public record Question(String id, String text, Kind kind, boolean required, List<Option> options,
            Integer maxLength, ShowIf showIf) {

        static Question choice(String id, String text, List<Option> options) {
            return new Question(id, text, Kind.CHOICE, true, options, null, null);
        }

        static Question text(String id, String text, boolean required, int maxLength) {
            return new Question(id, text, Kind.TEXT, required, List.of(), maxLength, null);
        }

        Question shownIf(String questionId, String equals) {
            return new Question(id, text, kind, required, options, maxLength, new ShowIf(questionId, equals));
        }

        public Optional<Option> option(String value) {
            return options.stream().filter(o -> o.value().equals(value)).findFirst();
        }
    }

    public Optional<Question> question(String id) {
        return questions.stream().filter(q -> q.id().equals(id)).findFirst();
    }
}

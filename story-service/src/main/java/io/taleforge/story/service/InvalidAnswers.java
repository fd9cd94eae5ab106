package io.taleforge.story.service;

import java.util.List;

/** Quiz answers that do not fit the quiz: every wrong answer at once, by question id. */
public class InvalidAnswers extends RuntimeException {

    /** One wrong answer: the question it answers and what is wrong. */
    public record WrongAnswer(String questionId, String message) {
    }

    private final transient List<WrongAnswer> wrong;

    public InvalidAnswers(List<WrongAnswer> wrong) {
        super(wrong.size() + " answers do not fit the quiz");
        this.wrong = List.copyOf(wrong);
    }

    public List<WrongAnswer> wrong() {
        return wrong;
    }
}

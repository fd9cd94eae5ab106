package io.taleforge.story.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.taleforge.story.service.Quiz;
import io.taleforge.story.service.QuizService;

/** The quiz definition, with its branching. */
@Path("/quiz")
@Produces(MediaType.APPLICATION_JSON)
public class QuizResource {

    private final QuizService quiz;

    public QuizResource(QuizService quiz) {
        this.quiz = quiz;
    }

    @GET
    public Quiz quiz() {
        return quiz.quiz();
    }
}

package io.taleforge.story.service;

import java.util.LinkedHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.taleforge.story.model.Story;
import io.taleforge.story.provider.StoryBrief;
import io.taleforge.story.provider.StoryBrief.Choice;

/** Turns validated answers into the brief a story writer reads. */
@ApplicationScoped
public class StoryBriefs {

    private final QuizService quiz;
    private final ObjectMapper json;

    public StoryBriefs(QuizService quiz, ObjectMapper json) {
        this.quiz = quiz;
        this.json = json;
    }

    /** The brief of a stored story, from the answers it was created with. */
    public StoryBrief of(Story story) {
        return of(answersOf(story));
    }

    /** The validated answers a story was created from. */
    public Answers answersOf(Story story) {
        try {
            return new Answers(json.readValue(story.answers, new TypeReference<LinkedHashMap<String, String>>() {
            }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable answers of story " + story.id, e);
        }
    }

    public StoryBrief of(Answers answers) {
        String discovery = answers.get(QuizService.DISCOVERY);
        return new StoryBrief(
                choice(answers, QuizService.HERO_SPECIES),
                answers.get(QuizService.HERO_NAME),
                choice(answers, QuizService.HERO_TRAIT),
                choice(answers, QuizService.SETTING),
                choice(answers, QuizService.REJECTION),
                choice(answers, QuizService.DISCOVERY),
                choice(answers, "discovery_" + discovery),
                choice(answers, QuizService.ANTAGONIST),
                choice(answers, QuizService.STYLE),
                choice(answers, QuizService.ENDING),
                answers.get(QuizService.WISH));
    }

    private Choice choice(Answers answers, String questionId) {
        String value = answers.get(questionId);
        return new Choice(value, quiz.label(questionId, value));
    }
}

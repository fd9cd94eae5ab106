package io.taleforge.story.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.taleforge.story.provider.StoryBrief;
import io.taleforge.story.provider.StoryBrief.Choice;

/** Turns validated answers into the brief a story writer reads. */
@ApplicationScoped
public class StoryBriefs {

    private final QuizService quiz;

    public StoryBriefs(QuizService quiz) {
        this.quiz = quiz;
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

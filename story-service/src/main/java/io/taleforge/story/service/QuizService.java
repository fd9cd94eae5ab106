package io.taleforge.story.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.taleforge.story.service.Quiz.Option;
import io.taleforge.story.service.Quiz.Question;

/**
 * Holds the quiz and checks answers against it: required answers present, choices among the
 * options, free text trimmed and length-limited, answers to unknown or unasked questions refused.
 */
@ApplicationScoped
public class QuizService {

    public static final String HERO_SPECIES = "hero_species";
    public static final String HERO_NAME = "hero_name";
    public static final String HERO_TRAIT = "hero_trait";
    public static final String SETTING = "setting";
    public static final String REJECTION = "rejection";
    public static final String DISCOVERY = "discovery";
    public static final String DISCOVERY_POWER = "discovery_power";
    public static final String DISCOVERY_OBJECT = "discovery_object";
    public static final String DISCOVERY_MENTOR = "discovery_mentor";
    public static final String ANTAGONIST = "antagonist";
    public static final String STYLE = "style";
    public static final String ENDING = "ending";
    public static final String WISH = "wish";

    private static final Quiz QUIZ = new Quiz(List.of(
            Question.choice(HERO_SPECIES, "What kind of animal is your hero?", options(
                    "fox", "Fox", "rabbit", "Rabbit", "owl", "Owl", "turtle", "Turtle",
                    "mouse", "Mouse", "hedgehog", "Hedgehog")),
            Question.text(HERO_NAME, "What is your hero's name?", true, 30),
            Question.choice(HERO_TRAIT, "Which word describes your hero best?", options(
                    "brave", "Brave", "curious", "Curious", "kind", "Kind", "clever", "Clever",
                    "stubborn", "Stubborn", "shy", "Shy")),
            Question.choice(SETTING, "Where does the story happen?", options(
                    "enchanted_forest", "An enchanted forest", "floating_islands", "Floating sky islands",
                    "underwater_city", "A city under the sea", "snowy_mountains", "Snowy mountains",
                    "desert_kingdom", "A desert kingdom", "clockwork_city", "A clockwork city")),
            Question.choice(REJECTION, "Why do the others leave your hero out at first?", options(
                    "too_small", "Too small", "too_slow", "Too slow", "different", "Looks different",
                    "clumsy", "Too clumsy", "newcomer", "New in town")),
            Question.choice(DISCOVERY, "What does your hero discover?", options(
                    "power", "A hidden power", "object", "A magical object", "mentor", "A wise mentor")),
            Question.choice(DISCOVERY_POWER, "Which power awakens?", options(
                    "wind", "Calling the wind", "light", "Glowing with light", "growth", "Making plants grow",
                    "speed", "Running faster than thunder", "voice", "A song that calms storms"))
                    .shownIf(DISCOVERY, "power"),
            Question.choice(DISCOVERY_OBJECT, "Which object is found?", options(
                    "map", "A map that redraws itself", "lantern", "A lantern that never goes out",
                    "feather", "A feather that lets you fly", "compass", "A compass that points to what you need",
                    "flute", "A flute whose songs move stones"))
                    .shownIf(DISCOVERY, "object"),
            Question.choice(DISCOVERY_MENTOR, "Who becomes the mentor?", options(
                    "tortoise", "An ancient tortoise", "bear", "A retired champion bear",
                    "dragon", "A tiny dragon", "crane", "A dancing crane"))
                    .shownIf(DISCOVERY, "mentor"),
            Question.choice(ANTAGONIST, "Who stands in the way?", options(
                    "crow_king", "A greedy crow king", "bully_bear", "A boastful bully",
                    "storm_spirit", "A restless storm spirit", "shadow_beast", "A shadow beast",
                    "rival", "A sly rival")),
            Question.choice(STYLE, "How should the pictures look?", options(
                    "watercolor", "Soft watercolor", "storybook", "Classic storybook ink",
                    "animated_3d", "3D animated film", "anime", "Anime", "papercut", "Paper cut-out",
                    "pixel_art", "Pixel art")),
            Question.choice(ENDING, "How should the story end?", options(
                    "heartwarming", "Heartwarming", "triumphant", "Triumphant", "funny", "Funny",
                    "bittersweet", "Bittersweet")),
            Question.text(WISH, "Anything else the story should include? (optional)", false, 120)));

    public Quiz quiz() {
        return QUIZ;
    }

    /**
     * Validates raw answers and returns them normalized (text trimmed, inner whitespace collapsed),
     * in quiz order.
     *
     * @throws InvalidAnswers naming every wrong answer by its question id
     */
    public Answers validate(Map<String, Object> raw) {
        List<InvalidAnswers.WrongAnswer> wrong = new ArrayList<>();
        for (String key : raw.keySet()) {
            if (QUIZ.question(key).isEmpty()) {
                wrong.add(new InvalidAnswers.WrongAnswer(key, "is not a question of the quiz"));
            }
        }
        Map<String, String> clean = new LinkedHashMap<>();
        for (Question question : QUIZ.questions()) {
            Object value = raw.get(question.id());
            String problem = isAsked(question, clean) ? check(question, value)
                    : value == null ? null : "is not asked when %s is not %s"
                            .formatted(question.showIf().questionId(), question.showIf().equals());
            if (problem != null) {
                wrong.add(new InvalidAnswers.WrongAnswer(question.id(), problem));
            } else if (value instanceof String text && !normalize(text).isEmpty()) {
                clean.put(question.id(), normalize(text));
            }
        }
        if (!wrong.isEmpty()) {
            throw new InvalidAnswers(wrong);
        }
        return new Answers(clean);
    }

    /** What is wrong with the answer to a question that is asked; null when it is fine (or absent and optional). */
    private static String check(Question question, Object value) {
        if (value != null && !(value instanceof String)) {
            return "must be a string";
        }
        String text = value == null ? "" : normalize((String) value);
        if (text.isEmpty()) {
            return question.required() ? "is required" : null;
        }
        if (question.kind() == Quiz.Kind.CHOICE) {
            return question.option(text).isPresent() ? null : "must be one of " + question.options().stream()
                    .map(Option::value).collect(Collectors.joining(", "));
        }
        if (text.codePoints().anyMatch(Character::isISOControl)) {
            return "must not contain control characters";
        }
        return text.codePointCount(0, text.length()) > question.maxLength()
                ? "must be at most %d characters".formatted(question.maxLength()) : null;
    }

    /** The label of a choice answer, e.g. {@code Fox} for {@code fox}. */
    public String label(String questionId, String value) {
        return QUIZ.question(questionId).flatMap(q -> q.option(value)).map(Option::label).orElse(value);
    }

    private static boolean isAsked(Question question, Map<String, String> answeredSoFar) {
        return question.showIf() == null
                || question.showIf().equals().equals(answeredSoFar.get(question.showIf().questionId()));
    }

    /** Trims and collapses runs of whitespace (newlines included) into one space. */
    static String normalize(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    private static List<Option> options(String... valueLabelPairs) {
        List<Option> options = new ArrayList<>();
        for (int i = 0; i < valueLabelPairs.length; i += 2) {
            options.add(new Option(valueLabelPairs[i], valueLabelPairs[i + 1]));
        }
        return List.copyOf(options);
    }
}

package io.taleforge.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The story a language model is asked for ({@code {"title": …, "scenes": [{"number": n, "text": …}]}}),
 * written as a model answers it: the fixture of story-service's OpenAI tests and of e2e's writing
 * benchmark. Twenty scenes of Pip Whiskers the mouse; {@code tag} makes the texts unique to a run.
 */
public final class ModelAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> WHAT = List.of("is laughed at by the others", "walks home alone",
            "cries by the window", "feels very small", "finds a glowing lantern", "feels the lantern's warmth",
            "drops the lantern in front of everyone", "runs from the Crow King", "practises every evening",
            "trains in the rain", "wakes up changed", "sees a new face in the pond", "lights up the festival",
            "hears the first cheers", "faces the Crow King again", "is the only one who steps forward",
            "stands firm with the lantern", "keeps standing", "forgives the Crow King", "is home at last");

    /** Sentences that lengthen a scene to what a model asked for 2-4 sentences writes. */
    private static final List<String> MORE = List.of(
            "The wind carried the smell of pine needles and warm bread across the little hill.",
            "Somewhere far away an owl called twice, and the stars blinked awake one by one.",
            "The grass was cold and wet, and every blade seemed to whisper a secret of its own.",
            "A tiny beetle hurried past with a crumb on its back, as busy as a baker at dawn.",
            "The old oak creaked softly, as if it remembered every story ever told beneath it.");

    private ModelAnswers() {
    }

    /** The story JSON with scenes {@code 1..count}. */
    public static String story(String title, int count, String tag) {
        return story(title, 1, count, tag);
    }

    /** The story JSON with scenes {@code from..to} only, as a model asked for the missing scenes answers. */
    public static String story(String title, int from, int to, String tag) {
        return story(title, from, to, tag, 1);
    }

    /** The story JSON with scenes {@code 1..count} of {@code sentences} sentences each ({@link #text(int, String, int)}). */
    public static String story(String title, int count, String tag, int sentences) {
        return story(title, 1, count, tag, sentences);
    }

    private static String story(String title, int from, int to, String tag, int sentences) {
        Map<String, Object> story = new LinkedHashMap<>();
        story.put("title", title);
        story.put("scenes", scenes(from, to, tag, sentences));
        return json(story);
    }

    public static List<Map<String, Object>> scenes(int count, String tag) {
        return scenes(1, count, tag, 1);
    }

    private static List<Map<String, Object>> scenes(int from, int to, String tag, int sentences) {
        return IntStream.rangeClosed(from, to)
                .mapToObj(n -> {
                    Map<String, Object> scene = new LinkedHashMap<>();
                    scene.put("number", n);
                    scene.put("text", text(n, tag, sentences));
                    return scene;
                })
                .collect(Collectors.toList());
    }

    /** Scene {@code n}'s text: one sentence. */
    public static String text(int n, String tag) {
        return "Scene %d: Pip Whiskers the mouse %s (%s).".formatted(n, WHAT.get((n - 1) % WHAT.size()), tag);
    }

    /** Scene {@code n}'s text of {@code sentences} sentences: {@link #text(int, String)} and as many more after it. */
    public static String text(int n, String tag, int sentences) {
        StringBuilder text = new StringBuilder(text(n, tag));
        for (int more = 1; more < sentences; more++) {
            text.append(' ').append(MORE.get((n + more) % MORE.size()));
        }
        return text.toString();
    }

    /** {@code value} as compact JSON, the way the API's bodies are written. */
    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

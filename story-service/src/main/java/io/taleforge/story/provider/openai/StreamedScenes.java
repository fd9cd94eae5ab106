package io.taleforge.story.provider.openai;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.taleforge.story.provider.StoryWriter.SceneListener;
import io.taleforge.story.provider.StoryWriter.WrittenScene;

/**
 * Finds the scenes in a story answer while it streams in: each {@code {"number": n, "text": "…"}}
 * object is told to the listener the moment its closing brace arrives, once per number. The whole
 * answer is still read leniently at its end ({@link StoryAnswerParser}); this only makes the
 * scenes of the house shape available early.
 */
final class StreamedScenes {

    private static final Pattern SCENE = Pattern.compile(
            "\\{\\s*\"number\"\\s*:\\s*\"?(\\d{1,2})\"?\\s*,\\s*\"text\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SceneListener listener;
    private final StringBuilder text = new StringBuilder();
    private final Set<Integer> told = new HashSet<>();
    private int from;

    StreamedScenes(SceneListener listener) {
        this.listener = listener;
    }

    /** The next piece of the answer's text; tells each scene it completes. */
    void append(String piece) {
        listener.arriving();
        text.append(piece);
        Matcher scene = SCENE.matcher(text);
        while (scene.find(from)) {
            from = scene.end();
            int number = Integer.parseInt(scene.group(1));
            if (told.add(number)) {
                listener.written(new WrittenScene(number, unescape(scene.group(2))));
            }
        }
    }

    /** Tells the scenes of the whole answer not told while it streamed. */
    void rest(Iterable<WrittenScene> scenes) {
        for (WrittenScene scene : scenes) {
            if (scene != null && told.add(scene.number())) {
                listener.written(scene);
            }
        }
    }

    private static String unescape(String raw) {
        try {
            return JSON.readValue("\"" + raw + "\"", String.class);
        } catch (JsonProcessingException e) {
            return raw;
        }
    }
}

package io.taleforge.story.provider.openai;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.taleforge.story.provider.StoryWriter.WrittenScene;
import io.taleforge.story.provider.StoryWriter.WrittenStory;

/**
 * Reads a model's story answer as leniently as is safe, and keeps whatever is usable:
 * Markdown fences, prose before or after the JSON, a top-level array instead of an object,
 * the scenes under another key, numbers as strings ({@code "3"}, {@code "Scene 3"}), missing
 * numbers (the position counts), plain strings as scenes, trailing commas, single quotes,
 * comments. An answer cut off in the middle ({@code finish_reason=length}) yields its complete
 * scenes. Deciding whether the result is enough is the caller's job.
 */
final class StoryAnswerParser {

    /** Jackson with the relaxations models need; the first JSON value is read and the rest ignored. */
    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS,
                    JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .build();

    private static final Pattern FENCE = Pattern.compile("```[a-zA-Z]*\\s*(.*?)\\s*```", Pattern.DOTALL);
    private static final Pattern NUMBER = Pattern.compile("(\\d{1,3})");
    private static final String STRING = "\"((?:[^\"\\\\]|\\\\.)*)\"";
    /** A complete scene object in broken JSON: number then text, or text then number. */
    private static final Pattern SCENE_NT = Pattern.compile(
            "\\{\\s*\"(?:number|scene|n)\"\\s*:\\s*\"?(\\d{1,3})\"?\\s*,\\s*\"(?:text|description|content)\"\\s*:\\s*" + STRING + "\\s*}");
    private static final Pattern SCENE_TN = Pattern.compile(
            "\\{\\s*\"(?:text|description|content)\"\\s*:\\s*" + STRING + "\\s*,\\s*\"(?:number|scene|n)\"\\s*:\\s*\"?(\\d{1,3})\"?\\s*}");
    private static final Pattern TITLE = Pattern.compile("\"title\"\\s*:\\s*" + STRING);

    private StoryAnswerParser() {
    }

    /** The story found in {@code content}; never null, possibly with no scenes. */
    static WrittenStory parse(String content) {
        if (content == null || content.isBlank()) {
            return new WrittenStory(null, List.of());
        }
        String text = unfence(content.strip());
        JsonNode root = firstValue(text);
        if (root != null) {
            WrittenStory story = fromTree(root);
            if (!story.scenes().isEmpty()) {
                return story;
            }
        }
        return salvage(text);
    }

    /** The first JSON object or array in a revision answer's {@code prompt}-like field, or the whole text. */
    static String promptOf(String content) {
        if (content == null) {
            return null;
        }
        String text = unfence(content.strip());
        JsonNode root = firstValue(text);
        if (root != null && root.isObject()) {
            for (String key : List.of("prompt", "revised_prompt", "revisedPrompt", "text")) {
                JsonNode value = root.get(key);
                if (value != null && value.isTextual()) {
                    return value.asText().strip();
                }
            }
            for (Iterator<JsonNode> it = root.elements(); it.hasNext();) {
                JsonNode value = it.next();
                if (value.isTextual()) {
                    return value.asText().strip();
                }
            }
            return null;
        }
        if (root != null && root.isTextual()) {
            return root.asText().strip();
        }
        return text.startsWith("{") || text.startsWith("[") ? null : text;
    }

    private static String unfence(String text) {
        Matcher fence = FENCE.matcher(text);
        return fence.find() ? fence.group(1).strip() : text;
    }

    private static JsonNode firstValue(String text) {
        int object = text.indexOf('{');
        int array = text.indexOf('[');
        int start = object < 0 ? array : array < 0 ? object : Math.min(object, array);
        if (start < 0) {
            return null;
        }
        try (JsonParser parser = LENIENT.createParser(text.substring(start))) {
            return LENIENT.readTree(parser);
        } catch (IOException e) {
            if (start == array && object > array) {
                try (JsonParser parser = LENIENT.createParser(text.substring(object))) {
                    return LENIENT.readTree(parser);
                } catch (IOException again) {
                    return null;
                }
            }
            return null;
        }
    }

    private static WrittenStory fromTree(JsonNode root) {
        String title = null;
        JsonNode scenes = null;
        if (root.isArray()) {
            scenes = root;
        } else if (root.isObject()) {
            title = textOf(root.get("title"));
            scenes = root.get("scenes");
            if (scenes == null || !scenes.isArray()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> field = it.next();
                    if (field.getValue().isArray()) {
                        scenes = field.getValue();
                        break;
                    }
                    if (field.getValue().isObject() && field.getValue().has("scenes")) {
                        WrittenStory inner = fromTree(field.getValue());
                        return new WrittenStory(title != null ? title : inner.title(), inner.scenes());
                    }
                }
            }
        }
        return new WrittenStory(title, scenes != null && scenes.isArray() ? scenesOf(scenes) : List.of());
    }

    /** Each element as a scene: a plain string (numbered by position), or an object with a text. */
    private static List<WrittenScene> scenesOf(JsonNode scenes) {
        List<WrittenScene> result = new ArrayList<>();
        int position = 0;
        for (JsonNode scene : scenes) {
            position++;
            if (scene.isTextual()) {
                result.add(new WrittenScene(position, scene.asText()));
            } else if (scene.isObject()) {
                String text = firstText(scene, "text", "description", "content", "scene_text", "story");
                if (text != null) {
                    result.add(new WrittenScene(number(scene, position), text));
                }
            }
        }
        return result;
    }

    private static int number(JsonNode scene, int position) {
        for (String key : List.of("number", "scene", "scene_number", "sceneNumber", "n", "index")) {
            JsonNode value = scene.get(key);
            if (value == null || value.isNull()) {
                continue;
            }
            if (value.canConvertToInt() && value.isNumber()) {
                return value.asInt();
            }
            if (value.isTextual()) {
                Matcher digits = NUMBER.matcher(value.asText());
                if (digits.find()) {
                    return Integer.parseInt(digits.group(1));
                }
            }
        }
        return position;
    }

    private static String firstText(JsonNode node, String... keys) {
        for (String key : keys) {
            String text = textOf(node.get(key));
            if (text != null) {
                return text;
            }
        }
        return null;
    }

    private static String textOf(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }

    /** Broken JSON (cut off, unbalanced): every complete scene object, and the title if there is one. */
    private static WrittenStory salvage(String text) {
        List<WrittenScene> scenes = new ArrayList<>();
        Matcher nt = SCENE_NT.matcher(text);
        while (nt.find()) {
            scenes.add(new WrittenScene(Integer.parseInt(nt.group(1)), unescape(nt.group(2))));
        }
        Matcher tn = SCENE_TN.matcher(text);
        while (tn.find()) {
            scenes.add(new WrittenScene(Integer.parseInt(tn.group(2)), unescape(tn.group(1))));
        }
        scenes.sort(java.util.Comparator.comparingInt(WrittenScene::number));
        Matcher title = TITLE.matcher(text);
        return new WrittenStory(title.find() ? unescape(title.group(1)) : null, scenes);
    }

    private static String unescape(String jsonStringBody) {
        try {
            return LENIENT.readValue("\"" + jsonStringBody + "\"", String.class);
        } catch (IOException e) {
            return jsonStringBody;
        }
    }
}

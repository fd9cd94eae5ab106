package io.taleforge.cli.batch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One story of the batch file: its line number, the hash of the line's text, the quiz answers and
 * the optional scene edits. A line is a JSON object:
 * {@code {"answers": {"species": "fox", ...}, "edits": {"3": "new text of scene 3"}}}; blank lines
 * and lines starting with {@code #} are no stories. A line that cannot be read carries its
 * {@code problem} instead.
 */
public record BatchLine(int number, String hash, Map<String, String> answers, Map<Integer, String> edits,
        String problem) {

    public boolean bad() {
        return problem != null;
    }

    /** Every story of the file's lines (numbered from 1), good and bad, in file order. */
    public static List<BatchLine> parseAll(List<String> lines, ObjectMapper json) {
        List<BatchLine> stories = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (!text.isEmpty() && !text.startsWith("#")) {
                stories.add(parse(i + 1, text, json));
            }
        }
        return stories;
    }

    static BatchLine parse(int number, String text, ObjectMapper json) {
        String hash = hash(text);
        JsonNode line;
        try {
            line = json.readTree(text);
        } catch (JsonProcessingException e) {
            return bad(number, hash, "not JSON: " + e.getOriginalMessage());
        }
        if (!line.isObject() || !line.path("answers").isObject()) {
            return bad(number, hash, "must be a JSON object with \"answers\": {question id: answer}");
        }
        Map<String, String> answers = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> answer : line.path("answers").properties()) {
            if (!answer.getValue().isValueNode() || answer.getValue().isNull()) {
                return bad(number, hash, "answers." + answer.getKey() + " must be a string");
            }
            answers.put(answer.getKey(), answer.getValue().asText());
        }
        Map<Integer, String> edits = new TreeMap<>();
        JsonNode given = line.path("edits");
        if (!given.isMissingNode() && !given.isObject()) {
            return bad(number, hash, "\"edits\" must be an object {scene number: text}");
        }
        for (Map.Entry<String, JsonNode> edit : given.properties()) {
            if (!edit.getKey().matches("\\d{1,3}") || !edit.getValue().isTextual()) {
                return bad(number, hash, "edits." + edit.getKey() + " must be a scene number with its text");
            }
            edits.put(Integer.valueOf(edit.getKey()), edit.getValue().asText());
        }
        return new BatchLine(number, hash, answers, edits, null);
    }

    private static BatchLine bad(int number, String hash, String problem) {
        return new BatchLine(number, hash, Map.of(), Map.of(), problem);
    }

    /** The first 16 hex digits of the SHA-256 of the line's text (surrounding blanks ignored). */
    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.strip().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}

package io.taleforge.gateway.rest;

import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.taleforge.commons.rest.ProblemException;
import io.taleforge.gateway.mapping.StoryViewMapper;
import io.taleforge.gateway.service.EventBuffer;

/** Validation of what callers send, each failure a 400 problem naming the field. */
final class Params {

    private static final Pattern MEDIA_KEY = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");

    private Params() {
    }

    /** A story id: a UUID in its canonical form (lower-cased). */
    static String storyId(String id) {
        try {
            if (id != null && id.length() == 36) {
                return UUID.fromString(id).toString();
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ProblemException.badRequest("id", "must be a story id (a UUID)");
    }

    /** A scene number, 1 to 20. */
    static int scene(String n) {
        try {
            int number = Integer.parseInt(n);
            if (number >= 1 && number <= StoryViewMapper.SCENES) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("n", "must be a scene number from 1 to " + StoryViewMapper.SCENES);
    }

    /** A JSON object body. */
    static JsonNode object(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ProblemException.badRequest("body", "must be a JSON object");
        }
        return body;
    }

    static Integer limit(Integer limit) {
        if (limit != null && (limit < 1 || limit > 100)) {
            throw ProblemException.badRequest("limit", "must be from 1 to 100");
        }
        return limit;
    }

    static String after(String after) {
        if (after == null || after.isEmpty()) {
            return null;
        }
        try {
            return storyId(after);
        } catch (ProblemException e) {
            throw ProblemException.badRequest("after", "must be a story id (a UUID)");
        }
    }

    /** A Redis stream entry id ({@code <ms>-<seq>}), the SSE id a browser echoes back. */
    static String lastEventId(String value, String field) {
        if (!EventBuffer.ENTRY_ID.matcher(value).matches()) {
            throw ProblemException.badRequest(field, "must be an event id as sent by this stream (<ms>-<seq>)");
        }
        return value;
    }

    /** A media key: path segments of letters, digits, '.', '_' and '-'; no '..'. */
    static String mediaKey(String key) {
        if (key == null || key.length() > 512 || !MEDIA_KEY.matcher(key).matches() || key.contains("..")) {
            throw ProblemException.badRequest("key", "must be a media key as found in an image url");
        }
        return key;
    }
}

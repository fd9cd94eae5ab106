package io.taleforge.gateway.book;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.taleforge.gateway.model.StoryRecord;

/**
 * {@code attempts.csv}: one row per attempt of every picture (RFC 4180: comma separated, CRLF,
 * fields quoted when they hold a comma, quote or line break). A cell a spreadsheet would take for
 * a formula ({@code = + - @} first) is prefixed with {@code '} so it opens as text.
 */
public final class AttemptsCsv {

    public static final List<String> HEADER = List.of("scene", "attempt", "status", "decision", "note", "prompt",
            "image_url", "provider", "model", "duration_ms", "error_code", "error_message", "decided_at");

    private AttemptsCsv() {
    }

    public static String of(StoryRecord record) {
        StringBuilder csv = new StringBuilder(row(HEADER.stream()));
        for (StoryRecord.Scene scene : record.scenes()) {
            for (StoryRecord.Attempt a : scene.attempts()) {
                csv.append(row(Stream.of(scene.number(), a.attempt(), a.status(), a.decision(), a.note(), a.prompt(),
                        a.imageUrl(), a.provider(), a.model(), a.durationMs(),
                        a.error() == null ? null : a.error().code(), a.error() == null ? null : a.error().message(),
                        a.decidedAt())));
            }
        }
        return csv.toString();
    }

    private static String row(Stream<?> cells) {
        return cells.map(AttemptsCsv::cell).collect(Collectors.joining(",", "", "\r\n"));
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (value instanceof String && !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        boolean quote = text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r");
        return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}

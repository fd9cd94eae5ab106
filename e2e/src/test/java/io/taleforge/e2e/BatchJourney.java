package io.taleforge.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code taleforge batch} as a person runs it: the packaged command line as a process against the
 * private stack. Six lines (five stories and one with an answer the quiz does not offer),
 * concurrency 3, {@code --approve-all --export DIR}; the batch is killed once two stories are
 * exported and run again: it finishes the rest, creates none twice, and the bad line fails alone.
 * The terminal output of both runs is kept in {@code e2e/target/batch-output.txt}.
 */
final class BatchJourney {

    /** The whole batch on a loaded 2-core machine: 100 pictures at the renderer's pace, PDFs and ZIPs. */
    private static final Duration RUN = Duration.ofMinutes(8);
    private static final int BAD_LINE = 4;
    private static final List<String> NAMES = List.of("Ada", "Bo", "Cyd", "Dot", "Eli");

    private BatchJourney() {
    }

    static void fiveStoriesKilledAndResumed(Stack stack) throws IOException, InterruptedException {
        String token = StoryJourneyIT.token();
        Reader reader = Reader.apiClient(stack.gateway(), token);
        Path dir = stack.dir.resolve("batch");
        Path file = dir.resolve("stories.jsonl");
        Path export = dir.resolve("export");
        Path output = stack.root.resolve("e2e/target/batch-output.txt");
        Files.createDirectories(dir);
        Files.write(file, lines(reader.get("/api/quiz").body()), StandardCharsets.UTF_8);
        Path jar = Stack.copyApp(stack.root.resolve("cli/target/quarkus-app"), stack.dir.resolve("apps/cli"));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "batch", file.toString(), "--concurrency", "3", "--approve-all", "--export",
                export.toString(), "--gateway", stack.gateway(), "--token", token);
        Path state = file.resolveSibling("stories.jsonl.state.json");
        long started = System.nanoTime();

        // first run: killed once two stories are exported
        Files.writeString(output, "$ taleforge batch stories.jsonl --concurrency 3 --approve-all --export DIR\n");
        Process first = start(command, output);
        Awaitility.await("two stories exported by the first run").atMost(RUN).pollInterval(Duration.ofMillis(500))
                .until(() -> !first.isAlive() || exported(state).size() >= 2);
        assertTrue(first.isAlive(), "the first run ended by itself: " + Files.readString(output));
        first.destroy();
        if (!first.waitFor(30, TimeUnit.SECONDS)) {
            first.destroyForcibly().waitFor();
        }
        Map<Integer, String> exportedBeforeKill = exported(state);
        int storiesAtKill = stories(reader).size();
        System.out.printf("e2e: batch killed with %d exported, %d stories created%n", exportedBeforeKill.size(),
                storiesAtKill);

        // second run: the same command finishes the rest
        Files.writeString(output, "\n[killed (SIGTERM) with %d stories exported, %d created]\n".formatted(
                exportedBeforeKill.size(), storiesAtKill) + "$ taleforge batch stories.jsonl --concurrency 3"
                + " --approve-all --export DIR\n", java.nio.file.StandardOpenOption.APPEND);
        Process second = start(command, output);
        assertTrue(second.waitFor(RUN.toSeconds(), TimeUnit.SECONDS), "the second run did not end in " + RUN);
        String printed = Files.readString(output);
        System.out.printf("e2e: batch of 5 stories (killed once) in %.1f s%n", (System.nanoTime() - started) / 1e9);
        assertEquals(1, second.exitValue(), "one line failed, so the batch exits 1:\n" + printed);

        JsonNode lines = Reader.JSON.readTree(state.toFile()).path("lines");
        Map<Integer, String> done = exported(state);
        assertEquals(List.of(1, 2, 3, 5, 6), List.copyOf(done.keySet()), lines::toString);
        exportedBeforeKill.forEach((line, id) -> assertEquals(id, done.get(line), "line " + line + " kept its story"));
        // none created twice: the reader has exactly the five stories of the file
        List<String> mine = stories(reader);
        assertEquals(5, mine.size(), () -> "the reader's stories " + mine + ", the state " + lines);
        assertTrue(mine.containsAll(done.values()), () -> mine + " vs " + done);
        theBadLineFailedAlone(lines, printed);
        exportedBeforeKill.keySet().forEach(line -> assertTrue(
                printed.lines().anyMatch(l -> l.matches("\\s*" + line + "\\s.*finished in an earlier run")),
                "line " + line + " is skipped by the second run:\n" + printed));
        theFilesAreThere(export, done);
    }

    private static void theBadLineFailedAlone(JsonNode lines, String printed) {
        JsonNode bad = null;
        for (JsonNode line : lines) {
            if (line.path("line").asInt() == BAD_LINE) {
                bad = line;
            }
        }
        assertNotNull(bad, lines::toString);
        assertNull(bad.path("storyId").textValue(), "the refused line has no story");
        assertTrue(bad.path("problem").asText().startsWith("400 "), bad::toString);
        assertTrue(bad.path("problem").asText().contains("must be one of"), bad::toString);
        assertTrue(printed.lines().anyMatch(l -> l.matches("\\s*" + BAD_LINE + "\\s+-\\s+NEW.*FAILED: 400 .*")),
                "the summary names line " + BAD_LINE + " and the API's problem:\n" + printed);
    }

    private static void theFilesAreThere(Path export, Map<Integer, String> done) throws IOException {
        for (Map.Entry<Integer, String> story : done.entrySet()) {
            String name = "line-%03d-%s".formatted(story.getKey(), story.getValue());
            byte[] zip = Files.readAllBytes(export.resolve(name + ".zip"));
            byte[] pdf = Files.readAllBytes(export.resolve(name + ".pdf"));
            assertArrayEquals(new byte[] { 'P', 'K' }, Arrays.copyOf(zip, 2), name + ".zip");
            assertArrayEquals(new byte[] { '%', 'P', 'D', 'F' }, Arrays.copyOf(pdf, 4), name + ".pdf");
        }
        try (Stream<Path> files = Files.list(export)) {
            assertEquals(10, files.count(), "five ZIPs and five PDFs, nothing else");
        }
    }

    /** Five good lines (one with an edit) and, at line 4, one whose first choice is no option of the quiz. */
    private static List<String> lines(JsonNode quiz) {
        Map<String, String> base = StoryJourneyIT.answers(quiz);
        String textQuestion = null;
        String choiceQuestion = null;
        for (JsonNode q : quiz.path("questions")) {
            boolean choice = q.path("kind").asText().equalsIgnoreCase("choice");
            if (!choice && textQuestion == null) {
                textQuestion = q.path("id").asText();
            } else if (choice && choiceQuestion == null) {
                choiceQuestion = q.path("id").asText();
            }
        }
        List<String> lines = new ArrayList<>();
        for (String name : NAMES) {
            Map<String, Object> line = new LinkedHashMap<>();
            Map<String, String> answers = new LinkedHashMap<>(base);
            answers.put(textQuestion, name);
            line.put("answers", answers);
            if (lines.isEmpty()) {
                line.put("edits", Map.of("3", name + " sits alone on a cold stone by the river."));
            }
            lines.add(write(line));
            if (lines.size() == BAD_LINE - 1) {
                Map<String, String> wrong = new LinkedHashMap<>(base);
                wrong.put(choiceQuestion, "not-an-option");
                lines.add(write(Map.of("answers", wrong)));
            }
        }
        return lines;
    }

    private static Process start(List<String> command, Path output) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(Redirect.appendTo(output.toFile()))
                .redirectInput(Redirect.from(new java.io.File("/dev/null"))).start();
    }

    /** Line number to story id of every line the state file has at EXPORTED. */
    private static Map<Integer, String> exported(Path state) {
        Map<Integer, String> done = new TreeMap<>();
        if (!Files.exists(state)) {
            return done;
        }
        try {
            for (JsonNode line : Reader.JSON.readTree(state.toFile()).path("lines")) {
                if ("EXPORTED".equals(line.path("stage").asText())) {
                    done.put(line.path("line").asInt(), line.path("storyId").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return done;
    }

    /** The ids in the reader's "my stories" list. */
    private static List<String> stories(Reader reader) {
        Reader.Answer page = reader.get("/api/stories?limit=100");
        assertEquals(200, page.status(), () -> "my stories: " + page.body());
        List<String> ids = new ArrayList<>();
        page.body().path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private static String write(Object value) {
        try {
            return Reader.JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

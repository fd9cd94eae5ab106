package io.taleforge.cli.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The resume file: per line of the batch file (its number and the hash of its text) the story id
 * and the stage reached, plus the reader token when the batch made one. Every change is written at
 * once (to a temporary file, then moved into place), so a killed batch loses at most the step it
 * was in. Lines are matched by number and hash; a line that moved keeps its story (same hash).
 */
public final class BatchState {

    /** One line's record; {@code problem} is the last failure's text, null once it went on. */
    public record Entry(int line, String hash, String storyId, Stage stage, String problem) {
    }

    /** The file as written. */
    record Document(String token, List<Entry> lines) {
    }

    private final Path file;
    private final ObjectMapper json;
    private final List<Entry> entries;
    private final Set<Entry> claimed = new HashSet<>();
    private String token;

    private BatchState(Path file, ObjectMapper json, String token, List<Entry> entries) {
        this.file = file;
        this.json = json;
        this.token = token;
        this.entries = new ArrayList<>(entries);
    }

    /** The state file of a batch file: {@code FILE.state.json} next to it. */
    public static Path fileFor(Path batchFile) {
        return batchFile.resolveSibling(batchFile.getFileName() + ".state.json");
    }

    public static BatchState load(Path file, ObjectMapper json) {
        if (!Files.exists(file)) {
            return new BatchState(file, json, null, List.of());
        }
        try {
            Document document = json.readValue(file.toFile(), Document.class);
            return new BatchState(file, json, document.token(), document.lines() == null ? List.of() : document.lines());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the state file " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    public synchronized Optional<String> token() {
        return Optional.ofNullable(token);
    }

    /** Keeps a token the batch made, so a re-run is the same reader (the file is then readable by its owner only). */
    public synchronized void keepToken(String newToken) {
        token = newToken;
        save();
    }

    /** The record of {@code line}: the same number and hash, else an unclaimed one with the same hash; NEW if none. */
    public synchronized Entry claim(BatchLine line) {
        Entry found = entries.stream().filter(e -> e.line() == line.number() && e.hash().equals(line.hash()))
                .findFirst()
                .or(() -> entries.stream().filter(e -> e.hash().equals(line.hash()) && !claimed.contains(e)).findFirst())
                .orElse(new Entry(line.number(), line.hash(), null, Stage.NEW, null));
        claimed.add(found);
        return found;
    }

    /** Records where {@code line} is now and writes the file. */
    public synchronized Entry record(BatchLine line, String storyId, Stage stage, String problem) {
        entries.removeIf(e -> e.line() == line.number() || (e.hash().equals(line.hash()) && e.storyId() != null
                && e.storyId().equals(storyId)));
        Entry entry = new Entry(line.number(), line.hash(), storyId, stage, problem);
        entries.add(entry);
        claimed.add(entry);
        save();
        return entry;
    }

    private void save() {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort((a, b) -> Integer.compare(a.line(), b.line()));
        try {
            Path partial = file.resolveSibling(file.getFileName() + ".part");
            Files.deleteIfExists(partial);
            Files.createFile(partial);
            ownerOnly(partial);
            json.writerWithDefaultPrettyPrinter().writeValue(partial.toFile(), new Document(token, sorted));
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the state file " + file, e);
        }
    }

    /** The file may hold the reader's token: readable by its owner only, where the file system has owners. */
    private static void ownerOnly(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // no POSIX permissions here (Windows): the user's profile folder protects it
        }
    }
}

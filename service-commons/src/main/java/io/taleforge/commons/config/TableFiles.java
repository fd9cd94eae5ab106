package io.taleforge.commons.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A table shipped as a classpath resource that a user may replace with a file of their own (the
 * rate table, image-service's model table): where it is read from, and opening it.
 */
public final class TableFiles {

    private TableFiles() {
    }

    /** Where the table is read: {@code file <path>} when one is set, else {@code classpath <resource>}. */
    public static String source(Optional<String> file, String resource) {
        return file.filter(f -> !f.isBlank()).map(f -> "file " + f).orElse("classpath " + resource);
    }

    /** The user's file when one is set, else the classpath resource. */
    public static InputStream open(Optional<String> file, String resource) throws IOException {
        if (file.isPresent() && !file.get().isBlank()) {
            return Files.newInputStream(Path.of(file.get()));
        }
        InputStream in = TableFiles.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("missing from the classpath");
        }
        return in;
    }
}

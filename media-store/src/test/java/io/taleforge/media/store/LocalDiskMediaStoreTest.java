package io.taleforge.media.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDiskMediaStoreTest {

    @TempDir
    Path temp;

    @Test
    void aFailedWriteSaysWhatFailedWithoutTheMachinesPath() throws IOException {
        Path notADirectory = Files.writeString(temp.resolve("a-file"), "x");
        LocalDiskMediaStore store = store(notADirectory.resolve("media"));

        IOException failure = assertThrows(IOException.class, () -> store.put(null,
                "png bytes".getBytes(StandardCharsets.UTF_8), "image/png"));

        assertTrue(failure.getMessage().startsWith("local media store could not write "), failure.getMessage());
        assertTrue(failure.getMessage().contains(".png: "), failure.getMessage());
        assertFalse(failure.getMessage().contains(temp.toString()), failure.getMessage());
    }

    @Test
    void theReasonOfEachKindOfFailureNamesNoPath() {
        assertEquals("permission denied", LocalDiskMediaStore.reason(new AccessDeniedException("/srv/media/x")));
        assertEquals("IOException", LocalDiskMediaStore.reason(new IOException("/srv/media/x: broken")));
        assertEquals("No space left on device", LocalDiskMediaStore.reason(new IOException("No space left on device")));
    }

    @Test
    void aStoredFileIsReadBackByItsKey() throws IOException {
        LocalDiskMediaStore store = store(temp.resolve("media"));

        MediaStore.StoredMedia stored = store.put(null, "png bytes".getBytes(StandardCharsets.UTF_8), "image/png");

        assertEquals("/media/" + stored.key(), stored.url());
        assertEquals("image/png", store.get(stored.key()).orElseThrow().contentType());
    }

    private static LocalDiskMediaStore store(Path dir) {
        return new LocalDiskMediaStore(new MediaStoreConfig(new StoreConfig() {
            @Override
            public String name() {
                return LocalDiskMediaStore.NAME;
            }

            @Override
            public String dir() {
                return dir.toString();
            }

            @Override
            public Optional<String> publicBaseUrl() {
                return Optional.empty();
            }
        }, null));
    }
}

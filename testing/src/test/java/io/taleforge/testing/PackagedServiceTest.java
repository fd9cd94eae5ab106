package io.taleforge.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a packaged service that cannot start tells the test that started it. */
class PackagedServiceTest {

    @TempDir
    Path dir;

    @Test
    void aServiceThatDiesWhileStartingFailsAtOnceWithItsExitCodeAndTheEndOfItsLog() throws Exception {
        Path jar = Files.writeString(dir.resolve("quarkus-run.jar"), "not a jar");
        PackagedService service = new PackagedService("broken-service", jar).log(dir.resolve("logs/broken.log"));

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> service.start(Duration.ofSeconds(60)));

        assertTrue(failure.getMessage().startsWith("broken-service exited with code 1 before it was ready"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("Invalid or corrupt jarfile"), failure.getMessage());
        assertTrue(service.logs().contains("Invalid or corrupt jarfile"), "the output went to the log file");
        assertFalse(service.alive());
    }

    @Test
    void aMissingJarIsRefusedWithWhatToDo() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> new PackagedService("story-service", dir.resolve("target/quarkus-app/quarkus-run.jar")));
        assertTrue(failure.getMessage().contains("package story-service first"), failure.getMessage());
    }
}

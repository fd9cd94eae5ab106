package io.taleforge.image.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;

/**
 * image-service refuses to start with store {@code cloudinary} and no CLOUDINARY_URL: exit code 1,
 * a message that names the variable, and no Kafka touched first.
 */
@QuarkusMainTest
@TestProfile(CloudinaryStartupTest.NoUrl.class)
class CloudinaryStartupTest {

    public static class NoUrl implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            // explicit: a CLOUDINARY_URL in the build's environment must not make the test pass
            return Map.of("taleforge.image.store.name", "cloudinary",
                    "taleforge.image.cloudinary.url", "",
                    "taleforge.image.cloudinary.upload-preset", "");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void refusesToStartWithoutACloudinaryUrlAndNamesTheVariable(LaunchResult result) {
        String output = result.getOutput() + "\n" + result.getErrorOutput();
        assertTrue(output.contains("image-service cannot start: media store 'cloudinary': no cloud name: set CLOUDINARY_URL="),
                output);
        OpenAiStartupTest.assertNoKafka(output);
    }
}

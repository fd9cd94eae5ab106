package io.taleforge.story.provider.openai;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;

/** story-service refuses to start with the openai writer, OpenAI's base URL and no key, and says why. */
@QuarkusMainTest
@TestProfile(OpenAiStartupTest.NoKey.class)
class OpenAiStartupTest {

    public static class NoKey implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("taleforge.story.writer.provider", "openai",
                    "taleforge.story.writer.openai.base-url", "https://api.openai.com/v1",
                    "taleforge.story.writer.openai.api-key", "",
                    "kafka.bootstrap.servers", "127.0.0.1:9092");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void refusesToStartWithoutAKeyForOpenAi(LaunchResult result) {
        String output = result.getOutput() + "\n" + result.getErrorOutput();
        assertTrue(output.contains("story writer 'openai' cannot start")
                && output.contains("OPENAI_API_KEY") && output.contains("api.openai.com"), output);
    }
}

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
 * image-service (its default main) refuses to start with provider {@code openai} and no
 * OPENAI_API_KEY: exit code 1 and a message that names the variable. {@link ProviderSettingsCheckTest}
 * checks the rule; this checks that a real start runs it, and stops before this instance touches
 * Kafka (no topic created, no producer or consumer connected, so no consumer-group rebalance).
 */
@QuarkusMainTest
@TestProfile(OpenAiStartupTest.NoKey.class)
class OpenAiStartupTest {

    public static class NoKey implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("taleforge.image.provider.name", "openai",
                    // explicit: an OPENAI_API_KEY in the build's environment must not make the test pass
                    "taleforge.image.openai.api-key", "",
                    "taleforge.image.store.name", "local");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void refusesToStartWithoutAKeyAndNamesTheVariable(LaunchResult result) {
        String output = result.getOutput() + "\n" + result.getErrorOutput();
        assertTrue(output.contains("image-service cannot start: image provider 'openai' needs OPENAI_API_KEY"), output);
        assertNoKafka(output);
    }

    /** The refusal came before the topics and the Kafka channels (and the workers) started. */
    static void assertNoKafka(String output) {
        for (String started : new String[] {"topics created", "connected to Kafka brokers", "image workers started"}) {
            assertTrue(!output.contains(started), "'" + started + "' before the refusal: " + output);
        }
    }
}

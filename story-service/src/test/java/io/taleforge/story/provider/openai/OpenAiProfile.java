package io.taleforge.story.provider.openai;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.taleforge.testing.RealInfraResource;

/**
 * story-service with the OpenAI-compatible writer pointed at {@link OpenAiWireMock}: a short read
 * timeout and short backoff so that the failure paths are fast, and a short bound on Retry-After;
 * the story is asked for as one whole answer (no stream).
 */
public class OpenAiProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "taleforge.story.writer.provider", "openai",
                "taleforge.story.writer.openai.api-key", OpenAiWireMock.KEY,
                "taleforge.story.writer.openai.connect-timeout", "1s",
                "taleforge.story.writer.openai.read-timeout", "1s",
                "taleforge.story.writer.retries", "2",
                "taleforge.story.writer.backoff", "50ms",
                "taleforge.story.writer.max-wait", "3s",
                // the whole-answer path; OpenAiStreamingTest takes the streamed one
                "taleforge.story.writer.openai.stream", "false");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OpenAiWireMock.class), new TestResourceEntry(RealInfraResource.class));
    }
}

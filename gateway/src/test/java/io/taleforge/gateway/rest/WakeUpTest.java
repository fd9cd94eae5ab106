package io.taleforge.gateway.rest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.taleforge.commons.rest.ProblemException;
import io.taleforge.gateway.service.EventBuffer;
import io.taleforge.gateway.service.OwnershipService;
import io.taleforge.gateway.service.ReaderTokens;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.RealInfraResource;
import io.taleforge.testing.SseClient;

/**
 * An event appended by another gateway instance (here: straight into Redis, as that instance's
 * script does) reaches a browser of this instance through the Pub/Sub wake-up, long before the
 * next heartbeat (one minute in this profile) would have woken it.
 */
@QuarkusTest
@TestProfile(WakeUpTest.SlowHeartbeat.class)
@QuarkusTestResource(RealInfraResource.class)
class WakeUpTest {

    public static class SlowHeartbeat implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("taleforge.gateway.events.heartbeat", "60s");
        }
    }

    private final String token = ReaderTokens.newToken();
    private final String story = UUID.randomUUID().toString();

    @TestHTTPResource("/")
    URI base;

    @Inject
    EventBuffer buffer;

    @BeforeEach
    void ownership() {
        QuarkusMock.installMockForType(new OwnershipService(null, null) {
            @Override
            public void requireOwned(String storyId, String owner) {
                if (!storyId.equals(story)) {
                    throw ProblemException.notFound("story " + storyId);
                }
            }
        }, OwnershipService.class);
    }

    @Test
    void anEventAppendedByAnotherInstanceWakesTheBrowsersHere() throws Exception {
        try (SseClient sse = SseClient.open(base.resolve("/api/stories/" + story + "/events"),
                Map.of("Authorization", "Bearer " + token))) {
            assertEquals(200, sse.status);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sse.comments.get() >= 1);
            buffer.append(story, new EventBuffer.AppendKey("elsewhere-0@1", "ce-elsewhere", "image-status:4"), "image",
                    "{\"storyId\":\"" + story + "\",\"sceneNumber\":4}").await().atMost(Duration.ofSeconds(10));
            // within 10 s, while the next heartbeat is a minute away: only the wake-up can have read it
            Awaitility.await("woken before any heartbeat").atMost(Duration.ofSeconds(10)).until(() -> sse.events.size() >= 1);
            assertThat(KafkaProbe.JSON.readTree(sse.events.get(0).data()).path("sceneNumber").asInt(), equalTo(4));
        }
    }
}

package io.taleforge.approval.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.taleforge.commons.logging.LogContext;
import io.taleforge.contracts.ImageStatus;
import io.taleforge.contracts.Topics;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.RealInfra;

/**
 * The packaged service runs in the prod profile, where the console log is one JSON object per
 * line; the line of a handled image-status carries the story, scene and attempt as MDC fields.
 */
class JsonLogsIT {

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @Test
    void productionLogsAreJsonLinesWithTheIdsAsFields() throws Exception {
        String story = UUID.randomUUID().toString();
        try (ApprovalServiceProcess service = new ApprovalServiceProcess(RealInfra.get(), "json-logs-it");
                KafkaProbe probe = new KafkaProbe(RealInfra.get().kafkaBootstrapServers(), Topics.APPROVAL_STATUS)) {
            service.start();
            probe.send(service.topic(), story, new ImageStatus(story, 2, 1, ImageStatus.Status.READY,
                    "/media/" + story + "/2.png", "local", "renderer-1", 10L, null, Instant.now()));
            JsonNode handled = Awaitility.await("the scene state line of " + story).atMost(DEADLINE)
                    .pollInterval(Duration.ofMillis(300)).until(() -> sceneStateLine(service, story), line -> line != null);

            JsonNode mdc = handled.path("mdc");
            assertEquals(story, mdc.path(LogContext.STORY).asText(), handled.toString());
            assertEquals("2", mdc.path(LogContext.SCENE).asText(), handled.toString());
            assertEquals("1", mdc.path(LogContext.ATTEMPT).asText(), handled.toString());
            assertEquals("INFO", handled.path("level").asText());
            List<JsonNode> lines = jsonLines(service.logs());
            assertTrue(lines.size() > 5, "the start itself logged JSON lines: " + lines.size());
        }
    }

    private static JsonNode sceneStateLine(ApprovalServiceProcess service, String story) {
        return jsonLines(service.logs()).stream()
                .filter(l -> l.path("message").asText().startsWith("scene state") && l.path("message").asText().contains(story))
                .findFirst().orElse(null);
    }

    /** Every non-empty line of the output, each of which must be one JSON object. */
    private static List<JsonNode> jsonLines(String output) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.lines().filter(l -> !l.isBlank()).toList()) {
            try {
                JsonNode node = KafkaProbe.JSON.readTree(line);
                assertTrue(node.isObject() && node.has("message") && node.has("timestamp"), "not a log record: " + line);
                lines.add(node);
            } catch (JsonProcessingException e) {
                throw new AssertionError("a production log line is not JSON: " + line, e);
            }
        }
        return lines;
    }
}

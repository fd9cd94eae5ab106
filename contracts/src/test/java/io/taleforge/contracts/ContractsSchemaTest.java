package io.taleforge.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** Every event serializes to the JSON that the AsyncAPI document describes, and back. */
class ContractsSchemaTest {

    private static final String STORY = "6f1c1d36-3b8e-4f57-9d5e-0d3f0b6f9a11";
    private static final Instant AT = Instant.parse("2026-11-23T10:15:30Z");

    /** Configured as Quarkus configures its ObjectMapper: ISO dates, no timestamps. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static JsonNode asyncApi;

    @BeforeAll
    static void loadDocument() throws IOException {
        try (InputStream in = ContractsSchemaTest.class.getResourceAsStream("/asyncapi/taleforge.yaml")) {
            asyncApi = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("SceneApproved", new SceneApproved(STORY, 3, 1,
                        "A small fox, Ember, stands in the rain", "watercolour storybook", "1024x1024", AT)),
                Arguments.of("SceneApproved", new SceneApproved(STORY, 0, 2,
                        "Portrait of Ember, a small fox", "watercolour storybook", "1024x1024", AT)),
                Arguments.of("SceneApproved", new SceneApproved(STORY, 4, 1, "Ember meets the owl",
                        "watercolour storybook", "1024x1024", AT, "http://localhost:8082/media/ab12.png")),
                Arguments.of("ImageStatus", new ImageStatus(STORY, 3, 1, ImageStatus.Status.QUEUED,
                        null, null, null, null, null, AT)),
                Arguments.of("ImageStatus", new ImageStatus(STORY, 3, 2, ImageStatus.Status.READY,
                        "http://localhost:8080/media/ab12.png", "local", "local-renderer-1", 1234L, null, AT)),
                Arguments.of("ImageStatus", new ImageStatus(STORY, 3, 1, ImageStatus.Status.FAILED,
                        null, "openai", "gpt-image-1", null,
                        new ImageStatus.ImageError("content_policy", "refused three times"), AT)),
                Arguments.of("ImageRejected", new ImageRejected(STORY, 7, 1, "make the fox smile")),
                Arguments.of("ImageRejected", new ImageRejected(STORY, 7, 2, null)),
                Arguments.of("ApprovalStatus", new ApprovalStatus(STORY, 20, 1,
                        ApprovalStatus.Decision.APPROVED, 20, 20, true)),
                Arguments.of("ApprovalStatus", new ApprovalStatus(STORY, 0, 1,
                        ApprovalStatus.Decision.APPROVED, 0, 20, false, "http://localhost:8082/media/ab12.png")),
                Arguments.of("StoryStatus", new StoryStatus(STORY, StoryStatus.Status.DRAFTED, "Ember's Light")),
                Arguments.of("StoryStatus", new StoryStatus(STORY, StoryStatus.Status.WRITING, null)),
                Arguments.of("StoryStatus", new StoryStatus(STORY, StoryStatus.Status.REGENERATION_REFUSED, "Ember's Light",
                        new StoryStatus.Refusal(7, 2, "story-cap", new BigDecimal("0.04"),
                                new BigDecimal("0.01")))),
                Arguments.of("SceneWritten", new SceneWritten(STORY, 3, "underdog", "Ember looks up.", false, null, AT)),
                Arguments.of("SceneWritten", new SceneWritten(STORY, 9, "discovery", "[Placeholder] Scene 9",
                        true, "the stream was cut", AT)),
                Arguments.of("ClipRequested", new ClipRequested(STORY, 4, 1, "/media/ab12.png", AT)),
                Arguments.of("FilmStatus", new FilmStatus(STORY, FilmStatus.FilmState.MAKING,
                        new FilmStatus.Item(FilmStatus.Kind.CLIP, 4, 1, FilmStatus.State.QUEUED,
                                null, null, null, null, null), 0, 20, AT)),
                Arguments.of("FilmStatus", new FilmStatus(STORY, FilmStatus.FilmState.READY,
                        new FilmStatus.Item(FilmStatus.Kind.CLIP, 20, 2, FilmStatus.State.READY,
                                "http://localhost:8080/media/film/cd34.mp4", 5000L, "kling", "kling-v2-1", null,
                                new BigDecimal("0.14")),
                        20, 20, AT)),
                Arguments.of("FilmStatus", new FilmStatus(STORY, FilmStatus.FilmState.FAILED,
                        new FilmStatus.Item(FilmStatus.Kind.CLIP, 9, 1, FilmStatus.State.FAILED, null, null,
                                "minimax", "MiniMax-Hailuo-02",
                                new FilmStatus.FilmError("content_policy", "1026: sensitive content")),
                        19, 20, AT)),
                Arguments.of("FilmStatus", new FilmStatus(STORY, FilmStatus.FilmState.MAKING,
                        new FilmStatus.Item(FilmStatus.Kind.NARRATION, 3, 1, FilmStatus.State.READY,
                                "/media/ef56.wav", 2531L, "local", "espeak-ng:en-us", null), 12, 7, 20, AT)),
                Arguments.of("FilmStatus", new FilmStatus(STORY, FilmStatus.FilmState.READY,
                        new FilmStatus.Item(FilmStatus.Kind.FILM, 0, 1, FilmStatus.State.READY,
                                "/media/0a1b.mp4", 53358L, "ffmpeg", null, null), 20, 20, 20, AT)),
                Arguments.of("FilmStatus", new FilmStatus(STORY, FilmStatus.FilmState.FAILED,
                        new FilmStatus.Item(FilmStatus.Kind.FILM, 0, 2, FilmStatus.State.FAILED, null, null, "ffmpeg",
                                null, new FilmStatus.FilmError("assembly_failed", "ffprobe exited 1: Invalid data")),
                        20, 20, 20, AT)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("samples")
    void serializesToTheDocumentedJsonAndBack(String schemaName, Object event) throws IOException {
        JsonNode json = JSON.valueToTree(event);

        Set<ValidationMessage> errors = schema(schemaName).validate(json);

        assertTrue(errors.isEmpty(), () -> schemaName + " does not match the AsyncAPI document: " + errors);
        assertEquals(event, JSON.treeToValue(json, event.getClass()));
    }

    @Test
    void theFilmItemIsDocumentedWithExactlyItsComponents() {
        Set<String> documented = new TreeSet<>();
        asyncApi.at("/components/schemas/FilmItem/properties").fieldNames().forEachRemaining(documented::add);
        Set<String> components = new TreeSet<>();
        Arrays.stream(FilmStatus.Item.class.getRecordComponents()).forEach(c -> components.add(c.getName()));

        assertEquals(components, documented);
        assertTrue(Topics.WITH_DLQ.contains(Topics.CLIP_REQUESTED), "film-workers dead-letter clip-requested");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void documentNamesExactlyTheRecordComponents(String schemaName, Object event) {
        Set<String> documented = new TreeSet<>();
        asyncApi.at("/components/schemas/" + schemaName + "/properties").fieldNames().forEachRemaining(documented::add);
        Set<String> components = new TreeSet<>();
        Arrays.stream(event.getClass().getRecordComponents()).forEach(c -> components.add(c.getName()));

        assertEquals(components, documented);
    }

    @Test
    void aMessageMissingARequiredFieldIsRejected() {
        ObjectNode json = JSON.valueToTree(new ImageRejected(STORY, 1, 1, "x"));
        json.remove("attempt");
        json.put("extra", "not documented");

        Set<ValidationMessage> errors = schema("ImageRejected").validate(json);

        assertEquals(2, errors.size(), errors::toString);
    }

    @Test
    void enumsMatchTheDocument() {
        assertEquals(names(ImageStatus.Status.values()), enumOf("ImageStatus", "status"));
        assertEquals(names(ApprovalStatus.Decision.values()), enumOf("ApprovalStatus", "decision"));
        assertEquals(names(StoryStatus.Status.values()), enumOf("StoryStatus", "status"));
        assertEquals(names(FilmStatus.FilmState.values()), enumOf("FilmStatus", "filmState"));
        assertEquals(names(FilmStatus.State.values()), enumOf("FilmItem", "state"));
        assertEquals(names(FilmStatus.Kind.values()), enumOf("FilmItem", "kind"));
    }

    @Test
    void everyTopicIsAChannelWithItsCloudEventType() {
        Map<String, String> channelToMessage = Map.of(
                Topics.SCENE_APPROVED, "SceneApproved",
                Topics.IMAGE_STATUS, "ImageStatus",
                Topics.IMAGE_REJECTED, "ImageRejected",
                Topics.APPROVAL_STATUS, "ApprovalStatus",
                Topics.STORY_STATUS, "StoryStatus",
                Topics.CLIP_REQUESTED, "ClipRequested",
                Topics.FILM_STATUS, "FilmStatus");
        List<String> addresses = new ArrayList<>();
        asyncApi.get("channels").forEach(channel -> addresses.add(channel.get("address").asText()));

        assertEquals(new TreeSet<>(Topics.SPECS.stream().map(TopicSpec::name).toList()), new TreeSet<>(addresses));
        channelToMessage.forEach((topic, message) -> assertEquals(EventTypes.BY_TOPIC.get(topic),
                asyncApi.at("/components/messages/" + message + "/x-cloudevents-type").asText(), topic));
        assertFalse(Topics.dlq(Topics.SCENE_APPROVED).equals(Topics.SCENE_APPROVED));
    }

    @Test
    void everyChannelBindingMatchesTheTopicDeclaration() {
        Map<String, JsonNode> bindings = new java.util.HashMap<>();
        asyncApi.get("channels").forEach(channel -> bindings.put(channel.get("address").asText(),
                channel.at("/bindings/kafka")));
        for (TopicSpec spec : Topics.SPECS) {
            JsonNode kafka = bindings.get(spec.name());
            assertEquals(spec.name(), kafka.path("topic").asText(), spec.name());
            assertEquals(spec.partitions(), kafka.path("partitions").asInt(), spec.name() + " partitions");
            assertEquals(spec.retention().toMillis(), kafka.at("/topicConfiguration/retention.ms").asLong(),
                    spec.name() + " retention.ms");
            assertEquals(spec.cleanupPolicy(), kafka.at("/topicConfiguration/cleanup.policy/0").asText(),
                    spec.name() + " cleanup.policy");
        }
        assertEquals(Topics.ALL.size() + Topics.WITH_DLQ.size(), Topics.SPECS.size());
        assertEquals(java.time.Duration.ofDays(7), Topics.spec(Topics.SCENE_APPROVED).orElseThrow().retention());
        assertEquals(java.util.Optional.empty(), Topics.spec("no-such-topic"));
    }

    @Test
    void aTopicDeclarationRefusesNonsense() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new TopicSpec("t", 0, java.time.Duration.ofDays(1), "delete"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new TopicSpec("t", 3, java.time.Duration.ZERO, "delete"));
        assertEquals("private-topic", Topics.SPECS.get(0).named("private-topic").name());
        assertEquals("604800000", Topics.SPECS.get(0).configs().get("retention.ms"));
    }

    private static JsonSchema schema(String name) {
        ObjectNode root = asyncApi.deepCopy();
        root.put("$ref", "#/components/schemas/" + name);
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(root);
    }

    private static Set<String> enumOf(String schema, String property) {
        Set<String> values = new TreeSet<>();
        asyncApi.at("/components/schemas/" + schema + "/properties/" + property + "/enum")
                .forEach(v -> values.add(v.asText()));
        return values;
    }

    private static Set<String> names(Enum<?>[] values) {
        Set<String> names = new TreeSet<>();
        Arrays.stream(values).forEach(v -> names.add(v.name()));
        return names;
    }
}

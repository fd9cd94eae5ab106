package io.taleforge.commons.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import io.taleforge.contracts.SceneApproved;
import io.taleforge.contracts.Topics;

/** Where the outbox producer places records: scene-approved round-robin, every other topic by key hash. */
class SpreadPartitionerTest {

    private static final Node BROKER = new Node(0, "localhost", 9092);
    private static final Cluster CLUSTER = new Cluster("test", List.of(BROKER),
            Topics.SPECS.stream().flatMap(spec -> IntStream.range(0, spec.partitions())
                    .mapToObj(p -> new PartitionInfo(spec.name(), p, BROKER, new Node[] {BROKER}, new Node[] {BROKER})))
                    .toList(), Set.of(), Set.of());

    @Test
    void sixStoriesOfTwentyPicturesGiveEveryPartitionTenAndOneStoryTouchesAllTwelve() {
        SpreadPartitioner partitioner = partitioner(Map.of());
        List<String> stories = IntStream.range(0, 6).mapToObj(i -> UUID.randomUUID().toString()).toList();
        Map<Integer, Long> perPartition = new TreeMap<>();
        for (int scene = 1; scene <= 20; scene++) {
            for (String story : stories) {
                int p = place(partitioner, Topics.SCENE_APPROVED, SceneApproved.key(story, scene));
                perPartition.merge(p, 1L, Long::sum);
            }
        }
        assertEquals(IntStream.range(0, 12).boxed().collect(Collectors.toMap(p -> p, p -> 10L, (a, b) -> a,
                TreeMap::new)), perPartition, "120 pictures, 10 on each of the 12 partitions");

        SpreadPartitioner fresh = partitioner(Map.of());
        String story = UUID.randomUUID().toString();
        Set<Integer> touched = IntStream.rangeClosed(1, 20)
                .mapToObj(scene -> place(fresh, Topics.SCENE_APPROVED, SceneApproved.key(story, scene)))
                .collect(Collectors.toSet());
        assertEquals(12, touched.size(), "one story's 20 pictures on all 12 partitions: " + touched);
    }

    @Test
    void everyOtherTopicKeepsTheDefaultKeyHashPlacement() {
        SpreadPartitioner partitioner = partitioner(Map.of());
        for (String topic : List.of(Topics.STORY_STATUS, Topics.IMAGE_STATUS, Topics.APPROVAL_STATUS,
                Topics.dlq(Topics.SCENE_APPROVED))) {
            for (int i = 0; i < 50; i++) {
                String key = UUID.randomUUID().toString();
                int murmur2 = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 12;
                assertEquals(murmur2, place(partitioner, topic, key), topic + " " + key);
                assertEquals(murmur2, place(partitioner, topic, key), "the same key, the same partition again");
            }
        }
    }

    @Test
    void theSpreadTopicsAreASetting() {
        SpreadPartitioner partitioner = partitioner(Map.of(SpreadPartitioner.TOPICS, " story-status , other "));
        String key = UUID.randomUUID().toString();
        Set<Integer> storyStatus = IntStream.range(0, 12).mapToObj(i -> place(partitioner, Topics.STORY_STATUS, key))
                .collect(Collectors.toSet());
        assertEquals(12, storyStatus.size(), "story-status spread by the setting");
        int murmur2 = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 12;
        assertEquals(Set.of(murmur2), IntStream.range(0, 12)
                .mapToObj(i -> place(partitioner, Topics.SCENE_APPROVED, key)).collect(Collectors.toSet()),
                "scene-approved is no longer spread when the setting leaves it out");
    }

    private static SpreadPartitioner partitioner(Map<String, ?> settings) {
        SpreadPartitioner partitioner = new SpreadPartitioner();
        partitioner.configure(settings);
        return partitioner;
    }

    private static int place(SpreadPartitioner partitioner, String topic, String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        return partitioner.partition(topic, key, bytes, "{}", new byte[2], CLUSTER);
    }
}

package io.taleforge.image.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.taleforge.contracts.ImageStatus;
import io.taleforge.contracts.SceneApproved;
import io.taleforge.contracts.Topics;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.RealInfra;

/**
 * Two real image-service processes from the packaged jar, sharing the consumer group, the
 * database, the media folder and the Redis rate limiter, against the real broker.
 */
class MultiInstanceIT {

    /**
     * Seven stories: their pictures are keyed {@code storyId/scene} as story-service keys them, so
     * their 28 to 140 records spread over the 12 partitions and both instances get work.
     */
    static final int STORIES = 7;

    static List<String> stories(int count) {
        return java.util.stream.Stream.generate(() -> UUID.randomUUID().toString()).limit(count).toList();
    }

    @Test
    void twoInstancesTogetherNeverExceedTheConfiguredRate() throws Exception {
        int perMinute = 120;
        int burst = 2;
        try (ImageServiceCluster cluster = new ImageServiceCluster(RealInfra.get(), "rate-it")) {
            cluster.set("taleforge.image.limiter.images-per-minute", perMinute)
                    .set("taleforge.image.limiter.burst", burst)
                    .set("taleforge.image.renderer.latency", "300ms")
                    .set("taleforge.image.renderer.jitter", "0ms");
            ImageServiceCluster.Instance first = cluster.start();
            ImageServiceCluster.Instance second = cluster.start();
            List<String> stories = stories(STORIES);
            int measured = stories.size() * 4;
            List<Instant> permits = new ArrayList<>();
            try (KafkaProbe probe = new KafkaProbe(RealInfra.get().kafkaBootstrapServers(), Topics.IMAGE_STATUS)) {
                // warm both JVMs up first (a cold JVM's first database writes take hundreds of ms,
                // which would blur the call timestamps); then a fresh bucket for the measured batch
                String warmUp = UUID.randomUUID().toString();
                for (int scene = 1; scene <= 8; scene++) {
                    probe.send(cluster.topic(), SceneApproved.key(warmUp, scene), scene(warmUp, scene));
                }
                awaitReady(probe, Set.of(warmUp), 8, Duration.ofSeconds(90));
                for (String story : stories) {
                    for (int scene = 1; scene <= 4; scene++) {
                        probe.send(cluster.topic(), SceneApproved.key(story, scene), scene(story, scene));
                    }
                }
                awaitReady(probe, Set.copyOf(stories), measured, Duration.ofSeconds(90));
                probe.on(Topics.IMAGE_STATUS).stream().filter(r -> stories.contains(r.key()))
                        .map(r -> r.as(ImageStatus.class)).filter(st -> st.status() == ImageStatus.Status.GENERATING)
                        .forEach(st -> permits.add(st.occurredAt()));
            }
            // the permits, as granted (GENERATING carries the instant the permit was granted)
            assertEquals(measured, permits.size(), "one permit per image");
            // the instant is taken by the dispatcher thread just after Redis granted the permit: a
            // serial-collector pause or a descheduled thread on a loaded 2-core machine sits in
            // between (142 ms seen once in a full build beside two other sessions), so the same
            // 150 ms slack as the calls below; three permits at once would still fail
            assertWithinRate(permits, perMinute, burst, 150);
            // the provider calls themselves (the journal row opened just before each call)
            List<Instant> calls = new ArrayList<>();
            for (String story : stories) {
                JsonNode rows = KafkaProbe.JSON.readTree(cluster.get(first,
                        "/operations?operation=image-generation&limit=1000&storyId=" + story));
                rows.forEach(row -> calls.add(Instant.parse(row.get("createdAt").asText())));
            }
            assertEquals(measured, calls.size(), "one provider call per image");
            assertWithinRate(calls, perMinute, burst, 150);
            assertTrue(cluster.log(first).contains("generating story="), "the first instance generated images");
            assertTrue(cluster.log(second).contains("generating story="), "the second instance generated images");
        }
    }

    @Test
    void anInstanceKilledMidBatchLeavesEveryImageToAnotherWithoutDuplicates() throws Exception {
        try (ImageServiceCluster cluster = new ImageServiceCluster(RealInfra.get(), "kill-it")) {
            // production leases (5 s, renewed every second) and session timeout (6 s): the recovery measured is the real one
            cluster.set("taleforge.image.limiter.images-per-minute", 600)
                    .set("taleforge.image.limiter.burst", 4)
                    .set("taleforge.image.concurrency", 4)
                    .set("taleforge.image.renderer.latency", "800ms")
                    .set("taleforge.image.renderer.jitter", "200ms");
            ImageServiceCluster.Instance first = cluster.start();
            ImageServiceCluster.Instance second = cluster.start();
            List<String> stories = stories(STORIES);
            try (KafkaProbe probe = new KafkaProbe(RealInfra.get().kafkaBootstrapServers(), Topics.IMAGE_STATUS)) {
                for (String story : stories) {
                    for (int scene = 1; scene <= 20; scene++) {
                        probe.send(cluster.topic(), SceneApproved.key(story, scene), scene(story, scene));
                    }
                }
                // kill an instance while it has images in flight
                Awaitility.await("both instances generating").atMost(Duration.ofSeconds(60))
                        .until(() -> cluster.log(first).contains("generating story=")
                                && cluster.log(second).contains("generating story=")
                                && readyCount(probe, Set.copyOf(stories)) >= 6);
                cluster.kill(first);
                long killedAt = System.nanoTime();
                long readyAtKill = readyCount(probe, Set.copyOf(stories));
                assertTrue(readyAtKill < stories.size() * 20L, "killed before the batch finished: " + readyAtKill + " READY");
                Recovery recovery = awaitTakeOver(cluster, "instance-" + first.index(), killedAt);

                List<ImageStatus> ready = awaitReady(probe, Set.copyOf(stories), stories.size() * 20, Duration.ofSeconds(150));
                long allReadyMs = Duration.ofNanos(System.nanoTime() - killedAt).toMillis();
                assertEquals(stories.size() * 20, ready.size(), "every scene of every story READY");
                System.out.printf("MultiInstanceIT recovery: instance killed with %d open jobs; all taken over %d ms"
                        + " after the kill; the batch READY %d ms after it%n", recovery.orphans(),
                        recovery.takenOverMs(), allReadyMs);
                int interrupted = assertGeneratedOnceEach(cluster, second, stories);
                for (String story : stories) {
                    JsonNode jobs = KafkaProbe.JSON.readTree(cluster.get(second, "/images/" + story));
                    assertEquals(20, jobs.size());
                    jobs.forEach(job -> assertEquals("READY", job.get("status").asText(), job.toString()));
                }
                assertTrue(cluster.log(second).contains("resumed story="), "the survivor took over work of the killed instance");
                System.out.printf("MultiInstanceIT journal: one successful provider call per attempt; %d calls"
                        + " interrupted by the kill closed as interrupted%n", interrupted);
                // a deadline, not a benchmark: the lease (5 s) and the session timeout (6 s) bound the
                // take-over at ~6-11 s; the figure is printed above, the bound only catches a lost job left to the poll
                assertTrue(recovery.takenOverMs() < 20_000, "a killed instance's jobs resumed in under 20 s: "
                        + recovery.takenOverMs() + " ms");
            }
        }
    }

    record Recovery(int orphans, long takenOverMs) {
    }

    /** Waits until no open job is leased by the dead instance any more; how many there were, and how long it took. */
    static Recovery awaitTakeOver(ImageServiceCluster cluster, String dead, long killedAt) throws Exception {
        String open = "select count(*) as n from image_job where owner = ? and status in ('QUEUED', 'GENERATING')";
        int orphans = ((Number) cluster.query(open, dead).get(0).get("n")).intValue();
        assertTrue(orphans > 0, "the killed instance held open jobs");
        Awaitility.await("the killed instance's jobs taken over").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> ((Number) cluster.query(open, dead).get(0).get("n")).intValue() == 0);
        return new Recovery(orphans, Duration.ofNanos(System.nanoTime() - killedAt).toMillis());
    }

    /**
     * Generated exactly once: one SUCCESSFUL provider call per (story, scene, attempt) in the
     * journal, where the SUCCESS row commits with the stored image and READY on the job
     * (a second generation re-emits the same event id and, with a deterministic renderer, the same
     * image, so only the journal tells), no two calls of one attempt overlapping in time,
     * and no call left STARTED. Returns how many calls were closed as interrupted.
     */
    static int assertGeneratedOnceEach(ImageServiceCluster cluster, ImageServiceCluster.Instance survivor,
            List<String> stories) throws Exception {
        int interrupted = 0;
        for (String story : stories) {
            JsonNode rows = KafkaProbe.JSON.readTree(cluster.get(survivor,
                    "/operations?operation=image-generation&limit=1000&storyId=" + story));
            Map<String, List<JsonNode>> byAttempt = new HashMap<>();
            rows.forEach(row -> byAttempt.computeIfAbsent(row.get("sceneNumber").asInt() + "/" + row.get("attempt")
                    .asInt(), k -> new ArrayList<>()).add(row));
            for (Map.Entry<String, List<JsonNode>> calls : byAttempt.entrySet()) {
                String attempt = story + "/" + calls.getKey();
                List<JsonNode> succeeded = calls.getValue().stream()
                        .filter(r -> "SUCCESS".equals(r.get("status").asText())).toList();
                // the stored image, READY and the SUCCESS row commit together: a kill leaves none of them
                assertEquals(1, succeeded.size(), "generated " + succeeded.size() + " times (successful provider"
                        + " calls in the journal) for " + attempt + ": " + calls.getValue());
                for (JsonNode call : calls.getValue()) {
                    assertTrue(!"STARTED".equals(call.get("status").asText()), "a call left STARTED: " + call);
                    interrupted += call.get("step").asText().endsWith(":interrupted") ? 1 : 0;
                }
                assertNoOverlap(attempt, calls.getValue());
            }
            assertEquals(20, byAttempt.size(), "every scene of " + story + " has its provider calls journaled");
        }
        return interrupted;
    }

    /** The calls of one attempt, each from its start to its end, never overlap: one at a time. */
    static void assertNoOverlap(String attempt, List<JsonNode> calls) {
        List<JsonNode> sorted = new ArrayList<>(calls);
        sorted.sort(Comparator.comparing(r -> Instant.parse(r.get("createdAt").asText())));
        for (int i = 1; i < sorted.size(); i++) {
            Instant previousEnd = Instant.parse(sorted.get(i - 1).get("finishedAt").asText());
            Instant start = Instant.parse(sorted.get(i).get("createdAt").asText());
            assertTrue(!start.isBefore(previousEnd), "two provider calls of " + attempt + " at once: " + sorted);
        }
    }

    /**
     * In every window between two of {@code times}, no more than burst + rate × window, with
     * {@code slackMs} for the time between the limiter's decision and the timestamp taken.
     */
    static void assertWithinRate(List<Instant> times, int perMinute, int burst, long slackMs) {
        List<Instant> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        double perMs = perMinute / 60000.0;
        for (int i = 0; i < sorted.size(); i++) {
            for (int j = i; j < sorted.size(); j++) {
                long window = Duration.between(sorted.get(i), sorted.get(j)).toMillis();
                assertTrue(j - i + 1 <= burst + Math.floor((window + slackMs) * perMs),
                        (j - i + 1) + " within " + window + " ms exceed " + perMinute + "/min with burst " + burst
                                + " (slack " + slackMs + " ms): " + sorted);
            }
        }
        long span = Duration.between(sorted.get(0), sorted.get(sorted.size() - 1)).toMillis();
        assertTrue(span >= (sorted.size() - burst) / perMs - slackMs - 500, "too fast: " + span + " ms");
    }

    static SceneApproved scene(String story, int scene) {
        return new SceneApproved(story, scene, 1, "Scene " + scene + ": Rufus the small red fox, storybook watercolour",
                "storybook watercolour", "1024x1024", Instant.now());
    }

    static long readyCount(KafkaProbe probe, Set<String> stories) {
        return probe.on(Topics.IMAGE_STATUS).stream().filter(r -> stories.contains(r.key()))
                .map(r -> r.as(ImageStatus.class)).filter(s -> s.status() == ImageStatus.Status.READY)
                .map(s -> s.storyId() + "/" + s.sceneNumber() + "/" + s.attempt()).distinct().count();
    }

    static List<ImageStatus> awaitReady(KafkaProbe probe, Set<String> stories, int distinct, Duration timeout) {
        Awaitility.await(distinct + " images READY").atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(() -> readyCount(probe, stories) >= distinct);
        Map<String, ImageStatus> last = new HashMap<>();
        probe.on(Topics.IMAGE_STATUS).stream().filter(r -> stories.contains(r.key()))
                .map(r -> r.as(ImageStatus.class)).filter(s -> s.status() == ImageStatus.Status.READY)
                .forEach(s -> last.put(s.storyId() + "/" + s.sceneNumber(), s));
        return new ArrayList<>(last.values());
    }
}

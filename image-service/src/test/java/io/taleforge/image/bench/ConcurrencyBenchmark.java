package io.taleforge.image.bench;

import static io.taleforge.image.bench.BenchSupport.awaitReady;
import static io.taleforge.image.bench.BenchSupport.ints;
import static io.taleforge.image.bench.BenchSupport.overheadMs;
import static io.taleforge.image.bench.BenchSupport.percentile;
import static io.taleforge.image.bench.BenchSupport.scene;
import static io.taleforge.image.bench.BenchSupport.statuses;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.awaitility.Awaitility;

import io.taleforge.commons.outbox.SpreadPartitioner;
import io.taleforge.contracts.ImageStatus;
import io.taleforge.contracts.SceneApproved;
import io.taleforge.contracts.Topics;
import io.taleforge.image.it.ImageServiceCluster;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.RealInfra;

/**
 * The concurrency-bound run of the image benchmark. The rate limit is far above what the
 * instances can do, so each instance's slots ({@code taleforge.image.concurrency}) bound the work
 * while the provider (the local renderer) waits L per picture. Starts 1, 2, then 4 instances of
 * the packaged jar in one consumer group (each started cold; before the measured run at each size one
 * warm-up story of 20 pictures reaches every partition, so every instance has made its first pictures;
 * {@code -Dbench.concurrency.warmCluster=false} leaves it out), publishes S stories
 * × 20 scenes at each size (placed as the outbox places them, {@link SpreadPartitioner}: round-robin
 * over the partitions) and prints the wall time, the speed-up against the first size, slot use
 * (busy slot time / total slot time), and per instance its pictures, the partitions they came from
 * (as the producer reported them) and how long it idled at the end; then one story alone on the
 * largest cluster and how many instances worked on it; then the per-image overhead in each instance's first minute and after.
 */
final class ConcurrencyBenchmark {

    private static final Pattern GENERATING = Pattern.compile("generating story=(\\S+) scene=(\\d+)");
    private static final int PARTITIONS = Topics.spec(Topics.SCENE_APPROVED).orElseThrow().partitions();

    /** One READY picture: which instance made it, from which partition, when, and our overhead. */
    record Picture(String story, int scene, int instance, int partition, Instant permit, Instant ready, long overheadMs,
            boolean firstMinute) {
    }

    record Run(int instances, int stories, long wallMs, double slotUse, List<Picture> pictures) {
    }

    private ConcurrencyBenchmark() {
    }

    static void main() throws Exception {
        long latency = Long.getLong("bench.concurrency.latencyMs", 2000);
        int slots = Integer.getInteger("bench.concurrency.slots", 2);
        int stories = Integer.getInteger("bench.concurrency.stories", 6);
        List<Integer> sizes = ints(System.getProperty("bench.concurrency.instances", "1,2,4"));
        boolean warmUp = Boolean.parseBoolean(System.getProperty("bench.concurrency.warmUp", "true"));
        boolean warmCluster = Boolean.parseBoolean(System.getProperty("bench.concurrency.warmCluster", "true"));
        System.out.printf(Locale.ROOT, "concurrency benchmark: L=%d ms, %d slots/instance, rate 6000/min, %d stories"
                + " x 20 at %s instances, %d partitions, start-up warm-up %s, a warm-up story before each size %s,"
                + " instance JVM options %s%n", latency, slots, stories, sizes, PARTITIONS, warmUp ? "on" : "off",
                warmCluster ? "on" : "off", System.getProperty("bench.jvm", "plain"));
        List<Run> runs = new ArrayList<>();
        List<Run> warmUps = new ArrayList<>();
        Map<Integer, Instant> readyAt = new HashMap<>();
        String bootstrap = RealInfra.get().kafkaBootstrapServers();
        try (ImageServiceCluster cluster = new ImageServiceCluster(RealInfra.get(), "concurrency");
                KafkaProbe probe = KafkaProbe.withProducer(Map.of("partitioner.class", SpreadPartitioner.class.getName(),
                        SpreadPartitioner.TOPICS, cluster.topic()), bootstrap, Topics.IMAGE_STATUS)) {
            String group = "image-workers-" + cluster.account();
            cluster.set("taleforge.image.consumer.group", group).set("taleforge.image.concurrency", slots)
                    .set("taleforge.image.warm-up", warmUp)
                    .set("taleforge.image.limiter.images-per-minute", 6000).set("taleforge.image.limiter.burst", 200)
                    .set("taleforge.image.renderer.latency", latency + "ms").set("taleforge.image.renderer.jitter", "0ms")
                    .set("taleforge.image.renderer.width", 128).set("taleforge.image.renderer.height", 128)
                    .set("quarkus.log.category.\"io.taleforge\".level", "WARN")
                    .set("quarkus.log.category.\"io.taleforge.image.service.JobDispatch\".level", "INFO");
            for (int size : sizes) {
                while (cluster.instances().size() < size) {
                    cluster.start();
                    readyAt.put(cluster.instances().size() - 1, Instant.now());
                }
                awaitGroup(bootstrap, group, size);
                if (warmCluster) {
                    // one story's 20 pictures reach every partition: each new instance makes its first
                    // pictures (cold JVM) before the measured run, as the rate-bound run warms up too
                    warmUps.add(run(cluster, probe, 1, slots, readyAt));
                }
                Run run = run(cluster, probe, stories, slots, readyAt);
                runs.add(run);
                printRun(run, runs.get(0), latency, slots);
            }
            Run alone = run(cluster, probe, 1, slots, readyAt);
            printRun(alone, null, latency, slots);
            printSummary(runs, alone, cluster.instances().size(), warmUps);
            List<Run> all = new ArrayList<>(warmUps);
            all.addAll(runs);
            printFirstSteps(cluster, all);
        }
    }

    private static Run run(ImageServiceCluster cluster, KafkaProbe probe, int storyCount, int slots,
            Map<Integer, Instant> readyAt) throws IOException {
        List<String> stories = new ArrayList<>();
        for (int i = 0; i < storyCount; i++) {
            stories.add(UUID.randomUUID().toString());
        }
        Instant start = Instant.now();
        Map<String, Integer> partitionOf = new HashMap<>();
        for (int scene = 1; scene <= 20; scene++) {
            for (String story : stories) {
                String key = SceneApproved.key(story, scene);
                partitionOf.put(key, probe.sendToPartition(cluster.topic(), key, scene(story, scene)));
            }
        }
        awaitReady(probe, Set.copyOf(stories), storyCount * 20, Duration.ofMinutes(15));
        Map<String, Integer> made = madeBy(cluster);
        Map<String, ImageStatus> permits = statuses(probe, Set.copyOf(stories), ImageStatus.Status.GENERATING).stream()
                .collect(Collectors.toMap(ConcurrencyBenchmark::key, Function.identity()));
        List<Picture> pictures = new ArrayList<>();
        for (ImageStatus ready : statuses(probe, Set.copyOf(stories), ImageStatus.Status.READY)) {
            String key = key(ready);
            ImageStatus permit = permits.get(key);
            int instance = made.getOrDefault(key, -1);
            Instant cold = readyAt.getOrDefault(instance, Instant.MIN).plusSeconds(60);
            pictures.add(new Picture(ready.storyId(), ready.sceneNumber(), instance, partitionOf.get(key),
                    permit.occurredAt(), ready.occurredAt(), overheadMs(permit, ready), permit.occurredAt().isBefore(cold)));
        }
        long wall = Duration.between(start, pictures.stream().map(Picture::ready).max(Instant::compareTo).orElseThrow())
                .toMillis();
        long busy = pictures.stream().mapToLong(p -> Duration.between(p.permit(), p.ready()).toMillis()).sum();
        int size = cluster.instances().size();
        return new Run(size, storyCount, wall, (double) busy / ((double) wall * size * slots), pictures);
    }

    /** Which instance generated each picture ({@code story/scene}), from the dispatcher's "generating" log lines. */
    private static Map<String, Integer> madeBy(ImageServiceCluster cluster) throws IOException {
        Map<String, Integer> made = new HashMap<>();
        for (ImageServiceCluster.Instance instance : cluster.instances()) {
            Matcher m = GENERATING.matcher(cluster.log(instance));
            while (m.find()) {
                made.putIfAbsent(m.group(1) + "/" + m.group(2), instance.index());
            }
        }
        return made;
    }

    private static String key(ImageStatus s) {
        return SceneApproved.key(s.storyId(), s.sceneNumber());
    }

    /** Waits until the group is stable with every instance a member holding partitions, so no run starts mid-rebalance. */
    private static void awaitGroup(String bootstrap, String group, int members) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Awaitility.await(members + " members with partitions in " + group).atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                        ConsumerGroupDescription g = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                        return g.groupState() == GroupState.STABLE && g.members().size() == members
                                && g.members().stream().noneMatch(m -> m.assignment().topicPartitions().isEmpty());
                    });
        }
    }

    private static void printRun(Run r, Run base, long latency, int slots) {
        Map<Integer, List<Picture>> byInstance = new TreeMap<>(
                r.pictures().stream().collect(Collectors.groupingBy(Picture::instance)));
        int busiest = byInstance.values().stream().mapToInt(List::size).max().orElse(0);
        int pictures = r.pictures().size();
        System.out.printf(Locale.ROOT, "concurrency run: %d instance(s), %d stories, %d pictures: wall %.2f s%s, slot use "
                + "%.2f, ideal %.1f s (pictures spread evenly), busiest instance's bound %.1f s (%d pictures)%n",
                r.instances(), r.stories(), pictures, r.wallMs() / 1000.0,
                base == null ? "" : String.format(Locale.ROOT, ", speed-up %.2fx", (double) base.wallMs() / r.wallMs()),
                r.slotUse(), rounds(pictures, r.instances() * slots) * latency / 1000.0,
                rounds(busiest, slots) * latency / 1000.0, busiest);
        Instant start = r.pictures().stream().map(Picture::permit).min(Instant::compareTo).orElseThrow();
        Instant end = r.pictures().stream().map(Picture::ready).max(Instant::compareTo).orElseThrow();
        byInstance.forEach((instance, own) -> {
            Map<Integer, Long> partitions = new TreeMap<>(own.stream().collect(Collectors.groupingBy(Picture::partition,
                    Collectors.counting())));
            Instant last = own.stream().map(Picture::ready).max(Instant::compareTo).orElseThrow();
            System.out.printf(Locale.ROOT, "  instance %d: %d pictures from partitions %s (partition=pictures), "
                    + "last READY at %.2f s, idle at the end %.2f s%n", instance, own.size(), partitions,
                    Duration.between(start, last).toMillis() / 1000.0, Duration.between(last, end).toMillis() / 1000.0);
        });
    }

    private static long rounds(int pictures, int slots) {
        return (pictures + slots - 1) / slots;
    }

    private static void printSummary(List<Run> runs, Run alone, int size, List<Run> warmUps) {
        System.out.println();
        System.out.println("instances stories pictures  wall_s  speed_up  slot_use  busiest_instance_pictures");
        for (Run r : runs) {
            System.out.printf(Locale.ROOT, "%9d %7d %8d %7.2f %9.2f %9.2f %26d%n", r.instances(), r.stories(),
                    r.pictures().size(), r.wallMs() / 1000.0, (double) runs.get(0).wallMs() / r.wallMs(), r.slotUse(),
                    r.pictures().stream().collect(Collectors.groupingBy(Picture::instance, Collectors.counting()))
                            .values().stream().mapToLong(Long::longValue).max().orElse(0));
        }
        Map<Integer, Long> used = new TreeMap<>(alone.pictures().stream().collect(Collectors.groupingBy(Picture::instance,
                Collectors.counting())));
        System.out.printf(Locale.ROOT, "one story alone on %d instances: %d pictures in %.2f s, worked on by %d of %d "
                + "instances (instance=pictures %s)%n", size, alone.pictures().size(), alone.wallMs() / 1000.0,
                used.size(), size, used);
        List<Picture> all = new ArrayList<>(alone.pictures());
        runs.forEach(r -> all.addAll(r.pictures()));
        warmUps.forEach(r -> all.addAll(r.pictures()));
        printOverhead("in each instance's first minute (cold JVM)", all, true);
        printOverhead("after each instance's first minute", all, false);
        new TreeMap<>(all.stream().collect(Collectors.groupingBy(Picture::instance))).forEach((instance, own) ->
                System.out.printf(Locale.ROOT, "  instance %d: overhead of its first 8 pictures %s ms%n", instance,
                        own.stream().sorted(Comparator.comparing(Picture::permit)).limit(8)
                                .map(Picture::overheadMs).collect(Collectors.toList())));
    }

    /**
     * Where each instance's first two pictures spent their time, from the journal rows of the
     * shared database: each row's start and end in ms after the permit, and READY.
     */
    private static void printFirstSteps(ImageServiceCluster cluster, List<Run> runs) throws SQLException {
        Map<Integer, List<Picture>> byInstance = new TreeMap<>(runs.stream().flatMap(r -> r.pictures().stream())
                .collect(Collectors.groupingBy(Picture::instance)));
        for (Map.Entry<Integer, List<Picture>> e : byInstance.entrySet()) {
            for (Picture p : e.getValue().stream().sorted(Comparator.comparing(Picture::permit)).limit(2)
                    .collect(Collectors.toList())) {
                StringBuilder steps = new StringBuilder();
                for (Map<String, Object> row : cluster.query("select operation, created_at, finished_at from api_journal"
                        + " where story_id = ? and scene_number = ? order by created_at", UUID.fromString(p.story()),
                        p.scene())) {
                    steps.append(String.format(Locale.ROOT, "%s +%d..+%d ms, ", row.get("operation"),
                            since(p.permit(), row.get("created_at")), since(p.permit(), row.get("finished_at"))));
                }
                System.out.printf(Locale.ROOT, "  instance %d first pictures: %sREADY +%d ms (overhead %d ms)%n",
                        e.getKey(), steps, Duration.between(p.permit(), p.ready()).toMillis(), p.overheadMs());
            }
        }
    }

    private static long since(Instant permit, Object timestamp) {
        return timestamp instanceof Timestamp t ? Duration.between(permit, t.toInstant()).toMillis() : -1;
    }

    private static void printOverhead(String when, List<Picture> pictures, boolean firstMinute) {
        List<Long> sorted = pictures.stream().filter(p -> p.firstMinute() == firstMinute).map(Picture::overheadMs)
                .sorted().collect(Collectors.toList());
        System.out.printf(Locale.ROOT, "overhead per image %s: %d images, p50 %d ms, p95 %d ms, max %d ms%n", when,
                sorted.size(), percentile(sorted, 50), percentile(sorted, 95),
                sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1));
    }
}

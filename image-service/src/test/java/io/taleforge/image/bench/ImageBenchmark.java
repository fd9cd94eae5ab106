package io.taleforge.image.bench;

import static io.taleforge.image.bench.BenchSupport.awaitReady;
import static io.taleforge.image.bench.BenchSupport.ints;
import static io.taleforge.image.bench.BenchSupport.overheadMs;
import static io.taleforge.image.bench.BenchSupport.percentile;
import static io.taleforge.image.bench.BenchSupport.refill;
import static io.taleforge.image.bench.BenchSupport.scene;
import static io.taleforge.image.bench.BenchSupport.statuses;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.taleforge.contracts.ImageStatus;
import io.taleforge.contracts.SceneApproved;
import io.taleforge.contracts.Topics;
import io.taleforge.image.it.ImageServiceCluster;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.RealInfra;

/**
 * The image-service benchmark (not a test; {@code ./mvnw -B -pl image-service -Pbench -DskipTests verify}).
 * Two runs ({@code -Dbench.runs=efficiency,concurrency}): the concurrency-bound one is
 * {@link ConcurrencyBenchmark}; the rate-bound one, here, starts 1, then 2 instances of the packaged jar against the shared broker and Redis with the
 * local renderer at latency L and a limit of R images/min, publishes K stories × 20 scenes, and
 * prints the time until the last READY, the theoretical bound for L, R, burst and concurrency,
 * their ratio (efficiency), and p50/p95 of the per-image overhead (from the permit to READY,
 * minus the provider's own time).
 */
public final class ImageBenchmark {

    private ImageBenchmark() {
    }

    record Result(int instances, int stories, long actualMs, long boundMs, double efficiency, long overheadP50,
            long overheadP95, long overheadMax, long lastFirstReadyMs) {
    }

    public static void main(String[] args) throws Exception {
        List<String> runs = List.of(System.getProperty("bench.runs", "efficiency,concurrency").split(","));
        if (runs.contains("efficiency")) {
            efficiency();
        }
        if (runs.contains("concurrency")) {
            ConcurrencyBenchmark.main();
        }
        System.exit(0);
    }

    /** The rate-bound run: efficiency against the bound and overhead, 1 then 2 instances. */
    private static void efficiency() throws Exception {
        long latency = Long.getLong("bench.latencyMs", 1500);
        long jitter = Long.getLong("bench.jitterMs", 0);
        int rate = Integer.getInteger("bench.rate", 120);
        int burst = Integer.getInteger("bench.burst", 4);
        int concurrency = Integer.getInteger("bench.concurrency", 8);
        List<Integer> storyCounts = ints(System.getProperty("bench.stories", "1,5"));
        List<Integer> instanceCounts = ints(System.getProperty("bench.instances", "1,2"));
        System.out.printf(Locale.ROOT, "benchmark: L=%d ms (+%d jitter) R=%d/min burst=%d concurrency=%d/instance,"
                + " instance JVM options %s%n", latency, jitter, rate, burst, concurrency,
                System.getProperty("bench.jvm", "plain"));
        List<Result> results = new ArrayList<>();
        for (int instances : instanceCounts) {
            try (ImageServiceCluster cluster = new ImageServiceCluster(RealInfra.get(), "bench")) {
                cluster.set("taleforge.image.limiter.images-per-minute", rate)
                        .set("taleforge.image.limiter.burst", burst)
                        .set("taleforge.image.concurrency", concurrency)
                        .set("taleforge.image.renderer.latency", latency + "ms")
                        .set("taleforge.image.renderer.jitter", jitter + "ms")
                        .set("quarkus.log.category.\"io.taleforge\".level", "WARN");
                for (int i = 0; i < instances; i++) {
                    cluster.start();
                }
                try (KafkaProbe probe = new KafkaProbe(RealInfra.get().kafkaBootstrapServers(), Topics.IMAGE_STATUS)) {
                    warmUp(cluster, probe, rate, burst);
                    for (int stories : storyCounts) {
                        Result r = run(cluster, probe, instances, stories, latency, jitter, rate, burst, concurrency);
                        results.add(r);
                        print(r);
                        refill(cluster, rate, burst);
                    }
                }
            }
        }
        System.out.println();
        System.out.println("instances stories  actual_s  bound_s  efficiency  overhead_p50_ms  overhead_p95_ms  "
                + "overhead_max_ms  last_story_first_ready_s");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%9d %7d %9.2f %8.2f %11.3f %16d %16d %16d %25.2f%n", r.instances(),
                    r.stories(), r.actualMs() / 1000.0, r.boundMs() / 1000.0, r.efficiency(), r.overheadP50(),
                    r.overheadP95(), r.overheadMax(), r.lastFirstReadyMs() / 1000.0);
        }
    }

    /**
     * Warms every instance's JVM (a cold one spends hundreds of ms on its first database writes):
     * eight stories of two scenes, so their partitions land on every instance.
     */
    private static void warmUp(ImageServiceCluster cluster, KafkaProbe probe, int rate, int burst)
            throws InterruptedException, SQLException {
        List<String> stories = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String story = UUID.randomUUID().toString();
            stories.add(story);
            for (int scene = 1; scene <= 2; scene++) {
                probe.send(cluster.topic(), SceneApproved.key(story, scene), scene(story, scene));
            }
        }
        awaitReady(probe, Set.copyOf(stories), 16, Duration.ofMinutes(3));
        List<BenchPhases.Phases> cold = BenchPhases.of(cluster,
                byScene(statuses(probe, Set.copyOf(stories), ImageStatus.Status.GENERATING)),
                byScene(statuses(probe, Set.copyOf(stories), ImageStatus.Status.READY)));
        BenchPhases.print("of the warm-up, the cold instances' first 16", cold);
        BenchPhases.printFirst("cold picture", cold, 4);
        refill(cluster, rate, burst);
    }

    private static Result run(ImageServiceCluster cluster, KafkaProbe probe, int instances, int storyCount,
            long latency, long jitter, int rate, int burst, int concurrency) throws SQLException {
        List<String> stories = new ArrayList<>();
        for (int i = 0; i < storyCount; i++) {
            stories.add(UUID.randomUUID().toString());
        }
        int images = storyCount * 20;
        Instant start = Instant.now();
        // stories interleaved as readers approving at the same moment would publish them
        for (int scene = 1; scene <= 20; scene++) {
            for (String story : stories) {
                probe.send(cluster.topic(), SceneApproved.key(story, scene), scene(story, scene));
            }
        }
        awaitReady(probe, Set.copyOf(stories), images, Duration.ofMinutes(20));
        Map<String, ImageStatus> generating = byScene(statuses(probe, Set.copyOf(stories), ImageStatus.Status.GENERATING));
        Map<String, ImageStatus> ready = byScene(statuses(probe, Set.copyOf(stories), ImageStatus.Status.READY));
        Instant last = ready.values().stream().map(ImageStatus::occurredAt).max(Instant::compareTo).orElseThrow();
        long actual = Duration.between(start, last).toMillis();
        long bound = bound(images, latency + jitter / 2, rate, burst, concurrency * instances);
        List<Long> overheads = ready.entrySet().stream().filter(e -> generating.containsKey(e.getKey()))
                .map(e -> overheadMs(generating.get(e.getKey()), e.getValue()))
                .sorted().collect(Collectors.toList());
        BenchPhases.print(instances + " instance(s), " + storyCount + " stories", BenchPhases.of(cluster, generating, ready));
        long lastFirstReady = stories.stream().mapToLong(story -> ready.values().stream()
                .filter(s -> s.storyId().equals(story)).map(ImageStatus::occurredAt).min(Instant::compareTo)
                .map(t -> Duration.between(start, t).toMillis()).orElse(-1L)).max().orElse(-1);
        return new Result(instances, storyCount, actual, bound, (double) bound / actual, percentile(overheads, 50),
                percentile(overheads, 95), overheads.get(overheads.size() - 1), lastFirstReady);
    }

    /**
     * The best possible time to the last READY: permit n (1-based) is granted at
     * max(0, (n - burst)·60/R s); a call starts at its permit or when a slot frees, whichever is
     * later, and lasts L.
     */
    static long bound(int images, long latencyMs, int rate, int burst, int slots) {
        PriorityQueue<Long> free = new PriorityQueue<>();
        for (int i = 0; i < slots; i++) {
            free.add(0L);
        }
        long end = 0;
        long previousStart = 0;
        for (int n = 1; n <= images; n++) {
            long permit = (long) Math.ceil(Math.max(0, n - burst) * 60000.0 / rate);
            long startAt = Math.max(Math.max(permit, free.poll()), previousStart);
            previousStart = startAt;
            long done = startAt + latencyMs;
            free.add(done);
            end = Math.max(end, done);
        }
        return end;
    }

    private static Map<String, ImageStatus> byScene(List<ImageStatus> statuses) {
        return statuses.stream().collect(Collectors.toMap(s -> s.storyId() + "/" + s.sceneNumber(), s -> s));
    }

    private static void print(Result r) {
        System.out.printf(Locale.ROOT, "run: %d instance(s), %d stories x 20: last READY after %.2f s, bound %.2f s, "
                + "efficiency %.3f, overhead p50 %d ms p95 %d ms max %d ms, every story's first READY within %.2f s%n",
                r.instances(), r.stories(), r.actualMs() / 1000.0, r.boundMs() / 1000.0, r.efficiency(),
                r.overheadP50(), r.overheadP95(), r.overheadMax(), r.lastFirstReadyMs() / 1000.0);
    }

}

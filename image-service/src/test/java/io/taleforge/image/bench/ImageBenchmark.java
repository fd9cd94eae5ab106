package io.taleforge.image.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;

import io.taleforge.contracts.ImageStatus;
import io.taleforge.contracts.SceneApproved;
import io.taleforge.contracts.Topics;
import io.taleforge.image.it.ImageServiceCluster;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.RealInfra;

/**
 * The image-service benchmark (not a test; {@code ./mvnw -B -pl image-service -Pbench -DskipTests verify}).
 * Starts 1, then 2 instances of the packaged jar against the shared broker and Redis with the
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
        long latency = Long.getLong("bench.latencyMs", 1500);
        long jitter = Long.getLong("bench.jitterMs", 0);
        int rate = Integer.getInteger("bench.rate", 120);
        int burst = Integer.getInteger("bench.burst", 4);
        int concurrency = Integer.getInteger("bench.concurrency", 8);
        List<Integer> storyCounts = ints(System.getProperty("bench.stories", "1,5"));
        List<Integer> instanceCounts = ints(System.getProperty("bench.instances", "1,2"));
        System.out.printf(Locale.ROOT, "benchmark: L=%d ms (+%d jitter) R=%d/min burst=%d concurrency=%d/instance%n",
                latency, jitter, rate, burst, concurrency);
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
        System.exit(0);
    }

    /**
     * Warms every instance's JVM (a cold one spends hundreds of ms on its first database writes):
     * eight stories of two scenes, so their partitions land on every instance.
     */
    private static void warmUp(ImageServiceCluster cluster, KafkaProbe probe, int rate, int burst)
            throws InterruptedException {
        List<String> stories = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String story = UUID.randomUUID().toString();
            stories.add(story);
            for (int scene = 1; scene <= 2; scene++) {
                probe.send(cluster.topic(), SceneApproved.key(story, scene), scene(story, scene));
            }
        }
        awaitReady(probe, Set.copyOf(stories), 16, Duration.ofMinutes(3));
        refill(cluster, rate, burst);
    }

    /**
     * Waits until the cluster's bucket in Redis is full again (or expired), so every run starts
     * from the same state: reads the bucket as the limiter's Lua script does, on Redis's clock.
     */
    private static void refill(ImageServiceCluster cluster, int rate, int burst) {
        String bucket = "taleforge:ratelimit:" + cluster.account() + ":bucket";
        Awaitility.await("the rate-limit bucket refills").atMost(Duration.ofMillis((long) (burst * 60000.0 / rate) + 30000))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    List<String> state = redis("HMGET", bucket, "tokens", "ts");
                    if (state.get(0) == null || state.get(1) == null) {
                        return true; // never used, or expired: a new bucket starts full
                    }
                    List<String> time = redis("TIME");
                    long now = Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
                    double tokens = Double.parseDouble(state.get(0))
                            + Math.max(0, now - Long.parseLong(state.get(1))) * rate / 60000.0;
                    return tokens >= burst;
                });
    }

    /** One Redis command over RESP; the answer's bulk strings (null for a nil). */
    private static List<String> redis(String... command) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", RealInfra.get().redisPort())) {
            socket.setSoTimeout(2000);
            StringBuilder out = new StringBuilder("*" + command.length + "\r\n");
            for (String part : command) {
                out.append('$').append(part.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).append("\r\n")
                        .append(part).append("\r\n");
            }
            socket.getOutputStream().write(out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            String head = in.readLine();
            if (head == null || !head.startsWith("*")) {
                throw new java.io.IOException("unexpected Redis answer to " + command[0] + ": " + head);
            }
            List<String> values = new ArrayList<>();
            for (int i = Integer.parseInt(head.substring(1)); i > 0; i--) {
                String size = in.readLine();
                values.add(size.equals("$-1") ? null : in.readLine());
            }
            return values;
        }
    }

    private static Result run(ImageServiceCluster cluster, KafkaProbe probe, int instances, int storyCount,
            long latency, long jitter, int rate, int burst, int concurrency) {
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
        Map<String, ImageStatus> generating = new HashMap<>();
        Map<String, ImageStatus> ready = new HashMap<>();
        probe.on(Topics.IMAGE_STATUS).stream().filter(r -> stories.contains(r.key())).map(r -> r.as(ImageStatus.class))
                .forEach(s -> {
                    String key = s.storyId() + "/" + s.sceneNumber();
                    if (s.status() == ImageStatus.Status.GENERATING) {
                        generating.putIfAbsent(key, s);
                    } else if (s.status() == ImageStatus.Status.READY) {
                        ready.putIfAbsent(key, s);
                    }
                });
        Instant last = ready.values().stream().map(ImageStatus::occurredAt).max(Instant::compareTo).orElseThrow();
        long actual = Duration.between(start, last).toMillis();
        long bound = bound(images, latency + jitter / 2, rate, burst, concurrency * instances);
        List<Long> overheads = ready.entrySet().stream().filter(e -> generating.containsKey(e.getKey()))
                .map(e -> Duration.between(generating.get(e.getKey()).occurredAt(), e.getValue().occurredAt())
                        .toMillis() - e.getValue().durationMs())
                .sorted().collect(Collectors.toList());
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

    private static void awaitReady(KafkaProbe probe, Set<String> stories, int count, Duration timeout) {
        // polled slowly: the H2 server of the instances runs in this JVM, and times are taken from the events
        Awaitility.await(count + " READY").atMost(timeout).pollInterval(Duration.ofMillis(1000))
                .until(() -> probe.on(Topics.IMAGE_STATUS).stream().filter(r -> stories.contains(r.key()))
                        .map(r -> r.as(ImageStatus.class)).filter(s -> s.status() == ImageStatus.Status.READY)
                        .map(s -> s.storyId() + "/" + s.sceneNumber()).distinct().count() >= count);
    }

    private static SceneApproved scene(String story, int scene) {
        return new SceneApproved(story, scene, 1, "Scene " + scene + ": Rufus the small red fox crosses the valley, "
                + "storybook watercolour, warm evening light", "storybook watercolour", "1024x1024", Instant.now());
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static void print(Result r) {
        System.out.printf(Locale.ROOT, "run: %d instance(s), %d stories x 20: last READY after %.2f s, bound %.2f s, "
                + "efficiency %.3f, overhead p50 %d ms p95 %d ms max %d ms, every story's first READY within %.2f s%n",
                r.instances(), r.stories(), r.actualMs() / 1000.0, r.boundMs() / 1000.0, r.efficiency(),
                r.overheadP50(), r.overheadP95(), r.overheadMax(), r.lastFirstReadyMs() / 1000.0);
    }

    private static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Integer::valueOf)
                .collect(Collectors.toList());
    }

}

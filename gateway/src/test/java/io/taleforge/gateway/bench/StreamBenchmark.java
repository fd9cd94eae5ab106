package io.taleforge.gateway.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import io.taleforge.contracts.ImageStatus;
import io.taleforge.contracts.Topics;
import io.taleforge.gateway.service.ReaderTokens;
import io.taleforge.infra.LocalInfra;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.PackagedService;
import io.taleforge.testing.RealInfra;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;

/**
 * The live stream under load (not a test): the packaged gateway against a private broker and
 * Redis, story-service replaced by a stub that owns every story. For each run {@code clients:stories}
 * it opens every SSE stream at once, publishes {@code bench.warmUp} image statuses per story on
 * Kafka (printed as the cold figures: a fresh JVM interprets and compiles), then {@code bench.events}
 * more, and prints connected, complete, lost, duplicated, p50/p95/p99 Kafka-to-client, the
 * gateway's CPU and RSS and Redis commands per record; then restarts the gateway while
 * {@code bench.events} more per story are published (a reconnect storm: every client back within
 * {@code bench.stormSeconds} with its Last-Event-ID) and prints the same figures for that phase.
 */
public final class StreamBenchmark {

    private static final AtomicInteger STARTS = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(Long.getLong("bench.waitSeconds", 180));

    public static void main(String[] args) throws Exception {
        LocalInfra infra = RealInfra.get();
        int events = Integer.getInteger("bench.events", 5);
        Duration storm = Duration.ofSeconds(Long.getLong("bench.stormSeconds", 5));
        HttpServer stories = storyStub();
        System.out.println("bench: gateway JVM options " + System.getProperty("bench.jvm", "plain"));
        try {
            for (String run : System.getProperty("bench.runs", "100:20,1000:200,5000:1000,500:1").split(",")) {
                String[] shape = run.split(":");
                new StreamBenchmark(infra, stories.actualPort()).run(Integer.parseInt(shape[0].trim()),
                        Integer.parseInt(shape[1].trim()), events, storm);
            }
        } finally {
            stories.close();
        }
        System.exit(0);
    }

    private final LocalInfra infra;
    private final PackagedService gateway;
    // the clients' one event loop: on 2 cores, the benchmark must not be what limits the figures
    private static final Vertx VERTX = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final HttpClient http = VERTX.createHttpClient(new HttpClientOptions().setConnectTimeout(30_000)
            .setIdleTimeout(0), new PoolOptions().setHttp1MaxSize(20_000).setMaxWaitQueueSize(-1));
    private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());

    private StreamBenchmark(LocalInfra infra, int storyPort) {
        this.infra = infra;
        Path jar = PackagedService.packagedJar("gateway.jar");
        this.gateway = new PackagedService("gateway-bench", jar).log(jar.getParent().resolve("gateway-bench.log"))
                .env("KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers()).env("REDIS_URL", infra.redisUrl())
                .env("TALEFORGE_STORY_URL", "http://127.0.0.1:" + storyPort)
                .env("TALEFORGE_GATEWAY_CONSUMER_GROUP", "bench-" + UUID.randomUUID())
                .set("taleforge.gateway.offset-reset", "latest").set("quarkus.log.level", "WARN")
                // the first browser of each story asks story-service, the others of the run find the answer cached
                .set("taleforge.gateway.ownership.cache-ttl", "1h");
    }

    private void run(int clients, int storyCount, int events, Duration storm) throws Exception {
        List<String> stories = new ArrayList<>();
        for (int i = 0; i < storyCount; i++) {
            stories.add(UUID.randomUUID().toString());
        }
        String token = ReaderTokens.newToken();
        try (KafkaProbe probe = probe()) {
            startGateway();
            awaitConsuming(probe, token);
            List<BenchReader> readers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                readers.add(new BenchReader(VERTX, http, URI.create(gateway.url("/api/stories/" + stories.get(i % storyCount)
                        + "/events")), token, latencies));
            }
            // one browser per story first, 50 at a time: story-service (a stub here) answers each
            // ownership question once, then the gateway's cache does; the rest connect in one burst
            for (int i = 0; i < storyCount; i += 50) {
                List<BenchReader> wave = readers.subList(i, Math.min(storyCount, i + 50));
                wave.forEach(BenchReader::open);
                awaitQuietly(() -> wave.stream().allMatch(BenchReader::connected), Duration.ofSeconds(60));
            }
            long started = System.nanoTime();
            readers.subList(Math.min(storyCount, clients), clients).forEach(BenchReader::open);
            awaitQuietly(() -> readers.stream().allMatch(BenchReader::connected), Duration.ofSeconds(60));
            double connectSeconds = (System.nanoTime() - started) / 1e9;
            String shape = "%d clients / %d stories, %d connected in one burst in %.1f s".formatted(clients, storyCount,
                    Math.max(0, clients - storyCount), connectSeconds);
            int warmUp = Integer.getInteger("bench.warmUp", 10);
            if (warmUp > 0) { // the first events after a start run in a cold JVM (interpreter, JIT at work)
                measure(readers, stories, 1, warmUp, probe, null).print(shape + ", cold: the first " + warmUp + " events");
            }
            Phase burst = measure(readers, stories, warmUp + 1, events, probe, null);
            burst.print(shape + (warmUp > 0 ? ", warm" : ""));
            if (storm.isZero()) { // -Dbench.stormSeconds=0: the burst alone
                readers.forEach(BenchReader::close);
                return;
            }
            readers.forEach(reader -> reader.reconnectWithin(storm));
            Phase restart = measure(readers, stories, warmUp + events + 1, events, probe, storm);
            restart.print("%d clients / %d stories, gateway restarted, all back within %d s"
                    .formatted(clients, storyCount, storm.toSeconds()));
            readers.forEach(BenchReader::close);
        } finally {
            gateway.stop();
        }
    }

    /**
     * Starts the gateway; with {@code -Dbench.jfr=<file>} under a JFR recording (profile settings)
     * dumped on exit to {@code <file>-<n>.jfr}, one per start: read it with
     * {@code jfr print --events jdk.ExecutionSample}.
     */
    private void startGateway() {
        String jfr = System.getProperty("bench.jfr", "");
        String root = System.getProperty("taleforge.root");
        List<String> options = new ArrayList<>();
        if (!jfr.isBlank()) {
            options.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                    + Path.of(jfr).toAbsolutePath() + "-" + STARTS.incrementAndGet() + ".jfr");
        }
        // each call replaces the last start's options (its JFR file name)
        if ("shipped".equals(System.getProperty("bench.jvm")) && root != null) {
            // the options of ./taleforge up (C1 only, the class data archive that maps because
            // PackagedService starts the gateway from the jar's folder): the benchmark measures what ships
            gateway.shippedJvm(Path.of(root), options.toArray(String[]::new));
        } else if (!jfr.isBlank()) {
            options.addAll(0, List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC"));
            gateway.jvm(options.toArray(String[]::new));
        }
        gateway.start(Duration.ofSeconds(300)); // a loaded machine boots slowly
    }

    /** Publishes scenes {@code first..first+count-1} of every story (restarting the gateway first when a storm is asked). */
    private Phase measure(List<BenchReader> readers, List<String> stories, int first, int count, KafkaProbe probe,
            Duration storm) throws Exception {
        latencies.clear();
        int expected = first + count - 1;
        long redisBefore = redisCalls();
        if (storm != null) {
            gateway.stop();
        }
        long published = System.nanoTime();
        long cpuBefore = storm == null ? cpuTicks() : 0;
        if (storm != null) {
            publishAtOnce(stories, first, count, probe);
        } else {
            publish(stories, first, count, probe);
        }
        if (storm != null) {
            startGateway();
            cpuBefore = cpuTicks();
        }
        long t0 = storm == null ? published : System.nanoTime();
        awaitQuietly(() -> readers.stream().allMatch(r -> r.ids.size() >= expected), WAIT);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Phase phase = new Phase(readers.size(), readers.stream().filter(BenchReader::connected).count(),
                readers.stream().filter(r -> r.ids.size() >= expected).count(),
                readers.stream().mapToLong(r -> Math.max(0, expected - r.ids.size())).sum(),
                readers.stream().mapToLong(r -> r.received.get() - r.ids.size()).sum(), percentiles(),
                (cpuTicks() - cpuBefore) / 100.0 / Math.max(0.001, seconds), rssMb(),
                (redisCalls() - redisBefore) / (double) (stories.size() * count), (System.nanoTime() - published) / 1e9);
        return phase;
    }

    private static void publish(List<String> stories, int first, int count, KafkaProbe probe) {
        for (int scene = first; scene < first + count; scene++) {
            for (String story : stories) {
                probe.send(Topics.IMAGE_STATUS, story, new ImageStatus(story, scene, 1, ImageStatus.Status.QUEUED, null,
                        null, null, null, null, Instant.now()));
            }
        }
    }

    /**
     * The same records published without a round trip each: what piles up on Kafka while the gateway
     * is down, so the storm's latency is the gateway's restart and catch-up, not the benchmark's
     * publishing (one at a time, 5,000 records took about 40 s).
     */
    private static void publishAtOnce(List<String> stories, int first, int count, KafkaProbe probe) {
        List<Map.Entry<String, Object>> records = new ArrayList<>();
        for (int scene = first; scene < first + count; scene++) {
            for (String story : stories) {
                records.add(Map.entry(story, new ImageStatus(story, scene, 1, ImageStatus.Status.QUEUED, null, null, null,
                        null, null, Instant.now())));
            }
        }
        probe.sendAll(Topics.IMAGE_STATUS, records);
    }

    record Phase(int clients, long connected, long complete, long lost, long duplicated, long[] p, double cpuCores,
            long rssMb, double redisPerRecord, double seconds) {

        void print(String title) {
            System.out.printf("bench: %s%n  connected %d/%d, complete %d, lost %d, duplicated %d, Kafka->client p50 %d ms, "
                    + "p95 %d ms, p99 %d ms, gateway CPU %.2f cores, RSS %d MB, Redis commands per record %.1f, "
                    + "phase %.1f s%n", title, connected, clients, complete, lost, duplicated, p[0], p[1], p[2], cpuCores,
                    rssMb, redisPerRecord, seconds);
        }
    }

    /** A producer for the records (its consumer reads a topic the benchmark does not publish to); a fresh broker may be slow. */
    private KafkaProbe probe() {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            try {
                return new KafkaProbe(infra.kafkaBootstrapServers(), Topics.STORY_STATUS);
            } catch (RuntimeException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
        }
    }

    /** The gateway answers and its consumer is assigned: one record reaches one client. */
    private void awaitConsuming(KafkaProbe probe, String token) {
        String story = UUID.randomUUID().toString();
        BenchReader reader = new BenchReader(VERTX, http, URI.create(gateway.url("/api/stories/" + story + "/events")), token,
                Collections.synchronizedList(new ArrayList<>()));
        reader.open();
        Awaitility.await("gateway consuming").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    probe.send(Topics.IMAGE_STATUS, story, new ImageStatus(story, 1, 1, ImageStatus.Status.QUEUED, null,
                            null, null, null, null, Instant.now()));
                    return !reader.ids.isEmpty();
                });
        reader.close();
    }

    private long[] percentiles() {
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return new long[] {-1, -1, -1};
        }
        return new long[] {at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99)};
    }

    private static long at(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
    }

    private long cpuTicks() throws IOException {
        String[] stat = Files.readString(Path.of("/proc", Long.toString(gateway.process().pid()), "stat")).split(" ");
        return Long.parseLong(stat[13]) + Long.parseLong(stat[14]); // utime + stime, in clock ticks (100 per second)
    }

    private long rssMb() throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(gateway.process().pid()), "status")).stream()
                .filter(line -> line.startsWith("VmRSS:")).map(line -> line.replaceAll("\\D", ""))
                .mapToLong(Long::parseLong).findFirst().orElse(0) / 1024;
    }

    /** Commands Redis has served so far, all kinds ({@code INFO stats total_commands_processed}). */
    private long redisCalls() throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", infra.redisPort())) {
            OutputStream out = socket.getOutputStream();
            out.write("INFO stats\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder text = new StringBuilder();
            byte[] chunk = new byte[8192];
            while (!text.toString().contains("total_commands_processed:") || !text.toString().endsWith("\r\n")) {
                int n = in.read(chunk);
                if (n < 0) {
                    break;
                }
                text.append(new String(chunk, 0, n, StandardCharsets.US_ASCII));
            }
            String s = text.toString();
            int at = s.indexOf("total_commands_processed:") + "total_commands_processed:".length();
            return Long.parseLong(s.substring(at, s.indexOf('\r', at)).trim());
        }
    }

    /**
     * Story-service as the gateway sees it: every story is the asker's, answered at once on an event
     * loop of its own (no thread per request, no executor hop), so the gateway's ownership checks
     * (one per story, then cached; all of them again after a restart) measure the gateway, not the stub.
     */
    private static HttpServer storyStub() throws Exception {
        Vertx stubLoop = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        return stubLoop.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setAcceptBacklog(8192))
                .requestHandler(request -> {
                    String path = request.path();
                    String id = path.substring(path.lastIndexOf('/') + 1);
                    request.response().putHeader("Content-Type", "application/json")
                            .end("{\"id\":\"" + id + "\",\"title\":\"Bench\",\"status\":\"READY\",\"scenes\":[]}");
                })
                .listen(0).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static void awaitQuietly(java.util.concurrent.Callable<Boolean> condition, Duration deadline) {
        try {
            Awaitility.await().atMost(deadline).pollInterval(Duration.ofMillis(200)).until(condition);
        } catch (ConditionTimeoutException e) {
            System.out.println("bench: deadline of " + deadline.toSeconds() + " s passed, counting what arrived");
        }
    }
}

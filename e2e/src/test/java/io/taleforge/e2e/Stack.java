package io.taleforge.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.taleforge.infra.LocalInfra;
import io.taleforge.testing.FreePorts;
import io.taleforge.testing.PackagedService;

/**
 * A whole private Taleforge: its own Kafka broker and Redis (LocalInfra on free ports, data under
 * {@code e2e/target/e2e/run-<time>/}) and the five services as processes on free ports, started
 * from copies of their packaged {@code target/quarkus-app} (so a rebuild of a module while the test
 * runs cannot pull a jar from under it), after the database services' migrate steps
 * ({@link MigrateSteps}), as {@code ./taleforge up} starts them. {@link #close()} stops everything it started; a shutdown
 * hook does the same if the JVM ends another way.
 */
final class Stack implements AutoCloseable {

    /** The operator token of the private stack's gateways (the operations page {@code /ops}). */
    static final String OPS_TOKEN = "e2e-operator-token-4f7c1d9a";


    /** How long a service may take to start: minutes on a loaded machine (the JVMs start together). */
    static final Duration READY = Duration.ofMinutes(Long.getLong("e2e.ready-minutes", 6));

    /** image-service's renderer latency and limiter of the run ({@code -De2e.image.…} overrides them). */
    static final String IMAGE_LATENCY = property("e2e.image.latency", "1s");
    static final String IMAGES_PER_MINUTE = property("e2e.image.images-per-minute", "300");

    static final List<String> SERVICES = List.of("story-service", "image-service", "approval-service", "film-service",
            "gateway");

    final Path dir;
    final Path root;
    final LocalInfra infra;
    final Map<String, PackagedService> services = new LinkedHashMap<>();
    /** The database services' migrate steps, run before any service starts. */
    final Map<String, PackagedService> migrations = new LinkedHashMap<>();
    private final Thread hook = new Thread(this::stopAll, "e2e-stop");
    private boolean kafkaStarted;
    private boolean redisStarted;

    Stack() {
        this(1);
    }

    /**
     * With {@code gateways} gateway instances: the first is {@code gateway}, the others
     * {@code gateway-2}, {@code gateway-3}…, all in the same consumer group.
     */
    Stack(int gateways) {
        root = Path.of(System.getProperty("taleforge.root", "..")).toAbsolutePath().normalize();
        Path work = Path.of(System.getProperty("e2e.work", root.resolve("e2e/target/e2e").toString()));
        dir = work.resolve("run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        int kafkaPort = FreePorts.pair();
        int redisPort = FreePorts.one();
        infra = new LocalInfra(dir.resolve("infra"), kafkaPort, redisPort);
        Runtime.getRuntime().addShutdownHook(hook);

        List<String> names = new java.util.ArrayList<>(SERVICES);
        for (int i = 2; i <= gateways; i++) {
            names.add("gateway-" + i);
        }
        Map<String, Integer> ports = new LinkedHashMap<>();
        names.forEach(s -> ports.put(s, FreePorts.one()));
        Path data = dir.resolve("data");
        for (String name : names) {
            String module = name.startsWith("gateway") ? "gateway" : name;
            Path jar = copyApp(root.resolve(module).resolve("target/quarkus-app"), dir.resolve("apps").resolve(name));
            PackagedService service = configured(new PackagedService(name, jar).port(ports.get(name)), data, ports);
            if (MigrateSteps.DATABASE_SERVICES.contains(name)) {
                migrations.put(name, MigrateSteps.of(configured(new PackagedService(name + "-migrate", jar), data, ports)
                        .log(dir.resolve("logs").resolve(name + "-migrate.log"))));
                service.set("quarkus.liquibase.migrate-at-start", "false"); // its migrate step ran the changelog
            }
            services.put(name, service);
        }
    }

    /** The settings a service and its migrate step share (as a compose service and its one-shot step). */
    private PackagedService configured(PackagedService service, Path data, Map<String, Integer> ports) {
        // started from its own folder (PackagedService's default): jvm.options's class data archive is relative
        service.shippedJvm(root) // the JVM options of ./taleforge up
                .log(dir.resolve("logs").resolve(service.name() + ".log"))
                .set("kafka.bootstrap.servers", infra.kafkaBootstrapServers())
                .set("quarkus.redis.hosts", infra.redisUrl())
                .set("taleforge.data", data.toString())
                // five JVMs start at once on a shared machine: a first H2 connection can take
                // longer than Agroal's 5 s, and its cancelled creation breaks the database file
                .set("quarkus.datasource.jdbc.acquisition-timeout", "60S");
        settingsOf(service.name().replace("-migrate", ""), ports).forEach(service::set);
        return service;
    }

    /** Service settings of the test: a fast local renderer and limiter, short leases, short heartbeats. */
    private static Map<String, String> settingsOf(String name, Map<String, Integer> ports) {
        Map<String, String> s = new LinkedHashMap<>();
        switch (name) {
            case "story-service" -> {
                // the template writer paced, so a browser sees the scenes arrive one by one and edits one
                // while the rest are written (250 ms was too short for that on a loaded machine)
                s.put("taleforge.story.writer.scene-pace", property("e2e.story.scene-pace", "400ms"));
                // the paced writer spends its time waiting: six stories at once, so the 12 of the paging
                // test are written in two rounds instead of six (52 s at the default 2)
                s.put("taleforge.story.writer.concurrent-stories", property("e2e.story.concurrent", "6"));
            }
            case "image-service" -> {
                s.put("taleforge.image.renderer.latency", IMAGE_LATENCY);
                s.put("taleforge.image.renderer.jitter", property("e2e.image.jitter", "500ms"));
                // 5 a second: above it, the limiter and not the 8 renderer workers would set the pace of a run's ~250 images
                s.put("taleforge.image.limiter.images-per-minute", IMAGES_PER_MINUTE);
                s.put("taleforge.image.limiter.burst", property("e2e.image.burst", "10"));
                s.put("taleforge.image.lease.ttl", "5s");
                s.put("taleforge.image.lease.heartbeat", "1s");
            }
            case "film-service" -> {
                s.put("quarkus.rest-client.approval-service.url", "http://127.0.0.1:" + ports.get("approval-service"));
                s.put("quarkus.rest-client.story-service.url", "http://127.0.0.1:" + ports.get("story-service")); // the texts it narrates
                s.put("quarkus.rest-client.image-service.url", "http://127.0.0.1:" + ports.get("image-service"));
                s.put("taleforge.film.local.duration", property("e2e.film.duration", "2s"));
                s.put("taleforge.film.local.latency", property("e2e.film.latency", "1s"));
                s.put("taleforge.film.local.width", "480");
                s.put("taleforge.film.local.height", "270");
                s.put("taleforge.film.flow.concurrency", property("e2e.film.concurrency", "4"));
                s.put("taleforge.film.provider.poll-base", "500ms");
                s.put("taleforge.film.provider.poll-max", "2s");
                s.put("taleforge.film.flow.poll-interval", "1s");
                s.put("taleforge.film.flow.claim", "15s"); // a killed instance's clips are taken over after 15 s
                s.put("taleforge.film.assembly.width", "480"); // a small film: the journey checks its streams, not its looks
                s.put("taleforge.film.assembly.height", "270");
                s.put("taleforge.film.assembly.fps", "12");
                s.put("taleforge.film.assembly.claim", "30s");
            }
            case "gateway", "gateway-2", "gateway-3" -> {
                s.put("quarkus.rest-client.story-service.url", "http://127.0.0.1:" + ports.get("story-service"));
                s.put("quarkus.rest-client.image-service.url", "http://127.0.0.1:" + ports.get("image-service"));
                s.put("quarkus.rest-client.approval-service.url", "http://127.0.0.1:" + ports.get("approval-service"));
                s.put("quarkus.rest-client.film-service.url", "http://127.0.0.1:" + ports.get("film-service"));
                s.put("taleforge.gateway.events.heartbeat", "2s");
                s.put("taleforge.gateway.ops.token", OPS_TOKEN);
            }
            default -> {
            }
        }
        return s;
    }

    /**
     * Prices the embedded providers with {@code rates} (a rate table: story-service's estimates and
     * image-service's costs) and caps every story at {@code storyCap} US dollars, so the reader's
     * money shows without paying anyone. Call before {@link #start()}.
     */
    Stack priced(Path rates, String storyCap) {
        for (String name : List.of("story-service", "image-service")) {
            services.get(name).set("taleforge.rates.file", rates.toAbsolutePath().toString());
        }
        services.get("story-service").set("taleforge.story.ledger.story-cap", storyCap);
        return this;
    }

    /**
     * story-service writes with its OpenAI-compatible writer, streamed, against {@code baseUrl}
     * (the API without {@code /chat/completions}; a loopback fake needs no key) instead of the
     * template writer. Call before {@link #start()}.
     */
    Stack writingWithOpenAi(String baseUrl) {
        services.get("story-service").set("taleforge.story.writer.provider", "openai")
                .set("taleforge.story.writer.openai.stream", "true")
                .set("taleforge.story.writer.openai.base-url", baseUrl);
        return this;
    }

    void start() {
        System.out.printf("e2e: private stack in %s (kafka %s, redis %s)%n", dir, infra.kafkaBootstrapServers(),
                infra.redisUrl());
        ensureFfmpeg();
        kafkaStarted = infra.startKafka();
        redisStarted = infra.startRedis();
        if (!kafkaStarted || !redisStarted) {
            throw new IllegalStateException("the private broker/Redis ports were taken by something else");
        }
        MigrateSteps.run(migrations.values(), READY);
        services.values().forEach(PackagedService::launch);
        services.values().forEach(s -> s.awaitReady(READY));
        System.out.println("e2e: all services ready: " + services.keySet());
    }

    /**
     * Starts again every service that is not running (one a journey killed and left down, e.g.
     * the gateway {@code GatewayFailoverIT} kills last) and waits until they are ready.
     *
     * @return how many were started
     */
    int revive() {
        List<PackagedService> down = services.values().stream().filter(s -> !s.alive()).toList();
        down.forEach(PackagedService::launch);
        down.forEach(s -> s.awaitReady(READY));
        return down.size();
    }

    /** film-service's local renderer runs Maven Central's FFmpeg: the project's script makes sure it can. */
    private void ensureFfmpeg() {
        try {
            Process p = new ProcessBuilder(root.resolve("deploy/local/ensure-ffmpeg").toString()).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("deploy/local/ensure-ffmpeg failed: film-service cannot render clips here");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    PackagedService service(String name) {
        return services.get(name);
    }

    String gateway() {
        return services.get("gateway").url();
    }

    /** The URL of gateway instance {@code n} (1 is {@code gateway}). */
    String gateway(int n) {
        return services.get(n == 1 ? "gateway" : "gateway-" + n).url();
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down
        }
    }

    private synchronized void stopAll() {
        services.values().forEach(PackagedService::stop);
        if (kafkaStarted) {
            infra.stopKafka();
            kafkaStarted = false;
        }
        if (redisStarted) {
            infra.stopRedis();
            redisStarted = false;
        }
    }

    static Path copyApp(Path from, Path to) {
        if (!Files.exists(from.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(from + " has no quarkus-run.jar: package the services first");
        }
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    // the times too: the class data archive is refused when a jar's time differs from the dump's
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to.resolve("quarkus-run.jar");
    }

    private static String property(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

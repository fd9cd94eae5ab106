package io.taleforge.deploy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged gateway's archive is the trained one and is really mapped: started as the launchers
 * start it (from its quarkus-app directory, deploy/local/jvm.options) with -Xshare:on (the JVM exits
 * when it cannot map the archive), classes its runtime init loads (the Vert.x HTTP server, the Kafka
 * consumer) come from the archive. Quarkus's static-init archive holds neither. Needs the gateway
 * packaged (the reactor packages it before this module); skipped when it is not.
 */
class TrainedArchiveTest {

    private static final String TOP_ARCHIVE = "shared objects file (top)";
    private static final Pattern STARTED = Pattern.compile("started in [0-9.]+s");

    @TempDir
    Path work;

    @Test
    void theGatewayLoadsItsRuntimeInitClassesFromTheTrainedArchive() throws Exception {
        Path app = Deployment.root().resolve("gateway/target/quarkus-app");
        assumeTrue(Files.isRegularFile(app.resolve("app-cds.jsa")),
                "gateway/target/quarkus-app/app-cds.jsa missing: package the gateway first (./mvnw package -pl gateway -am)");
        Path out = work.resolve("gateway.log");
        Path classes = work.resolve("classes.log");
        List<String> command = new ArrayList<>(List.of("java")); // as the launchers and train-archive: the JDK on PATH
        for (String line : Deployment.read(Deployment.root().resolve("deploy/local/jvm.options")).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                command.add(line.strip());
            }
        }
        command.addAll(List.of("-Xshare:on", "-Xlog:class+load=info:file=" + classes, "-Dtaleforge.data=" + work.resolve("data"),
                "-Dkafka.bootstrap.servers=127.0.0.1:9", "-Dtaleforge.kafka.topics.timeout=1s",
                "-Dquarkus.redis.hosts=redis://127.0.0.1:9", "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=0",
                "-jar", "quarkus-run.jar"));
        Process gateway = new ProcessBuilder(command).directory(app.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !gateway.isAlive() || STARTED.matcher(read(out)).find());
            String log = read(out);
            assertTrue(STARTED.matcher(log).find(), "the gateway did not start with -Xshare:on; its output ends: "
                    + log.substring(Math.max(0, log.length() - 2000)));
            Map<String, String> source = sources(read(classes));
            for (String name : List.of("io.vertx.core.http.impl.HttpServerImpl", "org.apache.kafka.clients.consumer.KafkaConsumer")) {
                assertEquals(TOP_ARCHIVE, source.get(name), name + ": not loaded from the service's archive");
            }
        } finally {
            gateway.destroy();
            if (!gateway.waitFor(60, TimeUnit.SECONDS)) {
                gateway.destroyForcibly();
            }
        }
    }

    /** Class name to where -Xlog:class+load says it came from. */
    private static Map<String, String> sources(String log) {
        Map<String, String> sources = new HashMap<>();
        for (String line : log.split("\n")) {
            int tag = line.indexOf("[class,load] ");
            int source = line.indexOf(" source: ");
            if (tag >= 0 && source > tag) {
                sources.put(line.substring(tag + "[class,load] ".length(), source), line.substring(source + " source: ".length()).strip());
            }
        }
        return sources;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

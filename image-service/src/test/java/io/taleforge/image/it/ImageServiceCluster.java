package io.taleforge.image.it;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.h2.tools.Server;

import io.taleforge.infra.LocalInfra;
import io.taleforge.testing.FreePorts;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.PackagedService;

/**
 * Real, separate image-service processes started from the packaged jar
 * ({@code target/quarkus-app/quarkus-run.jar}, each a testing {@link PackagedService}) against the
 * real broker and Redis. They share one database (an H2 TCP server in this JVM, standing in for
 * SQL Server), one media folder, a private scene-approved topic and a private rate-limiter
 * account, so nothing leaks between runs. Used by the failsafe *IT tests and by the benchmark.
 */
public final class ImageServiceCluster implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofMinutes(3);

    public record Instance(int index, Process process, int port, Path log) {

        public String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }
    }

    private final Path jar;
    private final Path workDir;
    private final LocalInfra infra;
    private final Server h2;
    private final String dbUrl;
    private final String topic;
    private final String account;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final List<Instance> instances = new ArrayList<>();
    private final List<PackagedService> services = new ArrayList<>();

    public ImageServiceCluster(LocalInfra infra, String name) throws IOException, SQLException {
        this.jar = PackagedService.packagedJar("image-service.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run `./mvnw -pl image-service package` first");
        }
        String run = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.workDir = jar.getParent().getParent().resolve("cluster").resolve(run);
        Files.createDirectories(workDir);
        this.infra = infra;
        this.h2 = Server.createTcpServer("-tcpPort", Integer.toString(FreePorts.one()), "-ifNotExists").start();
        this.dbUrl = "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/mem:" + run.replace('-', '_')
                + ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
        this.topic = "scene-approved-" + run;
        this.account = run;
        settings.put("kafka.bootstrap.servers", infra.kafkaBootstrapServers());
        settings.put("quarkus.redis.hosts", infra.redisUrl());
        settings.put("quarkus.datasource.jdbc.url", dbUrl);
        settings.put("taleforge.data", workDir.toString());
        settings.put("taleforge.image.consumer.topic", topic);
        settings.put("taleforge.image.limiter.account", account);
        settings.put("quarkus.log.console.format", "%d{HH:mm:ss.SSS} %-5p [%c{2.}] (%t) %s%e%n");
    }

    /** A setting for every instance started after this call ({@code -Dkey=value}). */
    public ImageServiceCluster set(String key, Object value) {
        settings.put(key, String.valueOf(value));
        return this;
    }

    /** The private rate-limiter account of this cluster (its bucket is {@code taleforge:ratelimit:<account>:bucket}). */
    public String account() {
        return account;
    }

    public String topic() {
        return topic;
    }

    public Path workDir() {
        return workDir;
    }

    public List<Instance> instances() {
        return instances;
    }

    /** Starts one more instance and waits until it is ready. */
    public Instance start() throws IOException, InterruptedException {
        int index = services.size();
        PackagedService service = new PackagedService("image-service instance " + index, jar)
                .log(workDir.resolve("instance-" + index + ".log"))
                .set("taleforge.image.instance-id", "instance-" + index);
        String root = System.getProperty("taleforge.root");
        if ("shipped".equals(System.getProperty("bench.jvm")) && root != null) {
            // the options of ./taleforge up, started from the jar's folder (PackagedService's default)
            // so that the class data archive they name maps: the benchmark measures what ships
            service.shippedJvm(Path.of(root));
        } else {
            service.workDir(workDir).jvm("-XX:+UseSerialGC", "-Xmx384m");
        }
        settings.forEach(service::set);
        services.add(service);
        service.start(READY_WITHIN);
        Instance instance = new Instance(index, service.process(), service.port(), service.log());
        instances.add(instance);
        return instance;
    }

    /** GET on an instance, the body as a string. */
    public String get(Instance instance, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = services.get(instance.index()).get(path);
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + " → " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** The rows of a query on the shared database, each as column (lower case) → value. */
    public List<Map<String, Object>> query(String sql, Object... params) throws SQLException {
        try (Connection connection = DriverManager.getConnection(dbUrl, "sa", "");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= columns; c++) {
                        row.put(result.getMetaData().getColumnLabel(c).toLowerCase(), result.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /** kill -9: no shutdown hook, no lease released, nothing acknowledged. */
    public void kill(Instance instance) throws InterruptedException {
        services.get(instance.index()).kill();
    }

    public String log(Instance instance) throws IOException {
        return services.get(instance.index()).logs();
    }

    @Override
    public void close() {
        services.stream().filter(PackagedService::alive).forEach(s -> s.process().destroy()); // all stop at once
        services.forEach(PackagedService::stop);
        h2.stop();
        KafkaProbe.deleteTopics(infra.kafkaBootstrapServers(), topic, topic + ".dlq");
    }
}

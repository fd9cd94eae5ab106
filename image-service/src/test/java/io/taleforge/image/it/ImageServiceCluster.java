package io.taleforge.image.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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
import java.util.concurrent.TimeUnit;

import org.h2.tools.Server;

import io.taleforge.infra.LocalInfra;

/**
 * Real, separate image-service processes started from the packaged jar
 * ({@code target/quarkus-app/quarkus-run.jar}) against the real broker and Redis. They share one
 * database (an H2 TCP server in this JVM, standing in for SQL Server), one media folder, a private
 * scene-approved topic and a private rate-limiter account, so nothing leaks between runs. Used by
 * the failsafe *IT tests and by the benchmark.
 */
public final class ImageServiceCluster implements AutoCloseable {

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
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public ImageServiceCluster(LocalInfra infra, String name) throws IOException, SQLException {
        this.jar = Path.of(System.getProperty("image-service.jar", "target/quarkus-app/quarkus-run.jar"))
                .toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run `./mvnw -pl image-service package` first");
        }
        String run = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.workDir = jar.getParent().getParent().resolve("cluster").resolve(run);
        Files.createDirectories(workDir);
        this.infra = infra;
        this.h2 = Server.createTcpServer("-tcpPort", Integer.toString(freePort()), "-ifNotExists").start();
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
        int index = instances.size();
        int port = freePort();
        Path log = workDir.resolve("instance-" + index + ".log");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-XX:+UseSerialGC");
        command.add("-Xmx384m");
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dtaleforge.image.instance-id=instance-" + index);
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Instance instance = new Instance(index, process, port, log);
        instances.add(instance);
        org.awaitility.Awaitility.await("instance " + index + " ready (log " + log + ")")
                .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("instance " + index + " exited: see " + log);
                    }
                    return ready(instance);
                });
        return instance;
    }

    private boolean ready(Instance instance) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(instance.url("/q/health/ready")))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** GET on an instance, the body as a string. */
    public String get(Instance instance, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(instance.url(path)))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
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
        instance.process().destroyForcibly();
        instance.process().waitFor(10, TimeUnit.SECONDS);
    }

    public String log(Instance instance) throws IOException {
        return Files.readString(instance.log());
    }

    @Override
    public void close() {
        for (Instance instance : instances) {
            instance.process().destroy();
        }
        for (Instance instance : instances) {
            try {
                if (!instance.process().waitFor(20, TimeUnit.SECONDS)) {
                    instance.process().destroyForcibly();
                }
            } catch (InterruptedException e) {
                instance.process().destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        h2.stop();
        deleteTopics();
    }

    private void deleteTopics() {
        Map<String, Object> props = Map.of("bootstrap.servers", infra.kafkaBootstrapServers());
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(props)) {
            admin.deleteTopics(List.of(topic, topic + ".dlq")).all().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            // best effort: a private topic left behind harms nobody
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

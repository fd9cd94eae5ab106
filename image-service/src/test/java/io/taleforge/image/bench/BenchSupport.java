package io.taleforge.image.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;

import io.taleforge.contracts.ImageStatus;
import io.taleforge.contracts.SceneApproved;
import io.taleforge.contracts.Topics;
import io.taleforge.image.it.ImageServiceCluster;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.RealInfra;

/** What both benchmark runs share: the scene they publish, the READY await, the bucket refill, percentiles. */
final class BenchSupport {

    private BenchSupport() {
    }

    static SceneApproved scene(String story, int scene) {
        return new SceneApproved(story, scene, 1, "Scene " + scene + ": Rufus the small red fox crosses the valley, "
                + "storybook watercolour, warm evening light", "storybook watercolour", "1024x1024", Instant.now());
    }

    /** The stories' image-status events of one status, each scene's first. */
    static List<ImageStatus> statuses(KafkaProbe probe, Set<String> stories, ImageStatus.Status status) {
        return probe.on(Topics.IMAGE_STATUS).stream().filter(r -> stories.contains(r.key()))
                .map(r -> r.as(ImageStatus.class)).filter(s -> s.status() == status)
                .collect(Collectors.toMap(s -> s.storyId() + "/" + s.sceneNumber(), s -> s, (a, b) -> a))
                .values().stream().collect(Collectors.toList());
    }

    static void awaitReady(KafkaProbe probe, Set<String> stories, int count, Duration timeout) {
        // polled slowly: the H2 server of the instances runs in this JVM, and times are taken from the events
        Awaitility.await(count + " READY").atMost(timeout).pollInterval(Duration.ofMillis(1000))
                .until(() -> statuses(probe, stories, ImageStatus.Status.READY).size() >= count);
    }

    /**
     * Waits until the cluster's bucket in Redis is full again (or expired), so every run starts
     * from the same state: reads the bucket as the limiter's Lua script does, on Redis's clock.
     */
    static void refill(ImageServiceCluster cluster, int rate, int burst) {
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
    private static List<String> redis(String... command) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RealInfra.get().redisPort())) {
            socket.setSoTimeout(2000);
            StringBuilder out = new StringBuilder("*" + command.length + "\r\n");
            for (String part : command) {
                out.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part)
                        .append("\r\n");
            }
            socket.getOutputStream().write(out.toString().getBytes(StandardCharsets.UTF_8));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String head = in.readLine();
            if (head == null || !head.startsWith("*")) {
                throw new IOException("unexpected Redis answer to " + command[0] + ": " + head);
            }
            List<String> values = new ArrayList<>();
            for (int i = Integer.parseInt(head.substring(1)); i > 0; i--) {
                String size = in.readLine();
                values.add(size.equals("$-1") ? null : in.readLine());
            }
            return values;
        }
    }

    /** Per image: READY time − permit time (GENERATING) − provider time, our own work. */
    static long overheadMs(ImageStatus generating, ImageStatus ready) {
        return Duration.between(generating.occurredAt(), ready.occurredAt()).toMillis() - ready.durationMs();
    }

    static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Integer::valueOf)
                .collect(Collectors.toList());
    }
}

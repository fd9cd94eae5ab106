package io.taleforge.testing;

import java.nio.file.Path;
import java.util.UUID;

import io.taleforge.infra.LocalInfra;

/**
 * A real Kafka broker of a test's own, for tests that stop and restart the broker or must see a
 * topic list nobody else touched: free ports (never the shared 9092), data in a fresh folder
 * under {@code data/test/}, stopped and deleted on {@link #close()}. Redis is not started.
 */
public final class PrivateBroker implements AutoCloseable {

    private final LocalInfra infra;
    private final Path dir;

    private PrivateBroker(LocalInfra infra, Path dir) {
        this.infra = infra;
        this.dir = dir;
    }

    /** Starts a broker; {@code name} only labels its data folder. */
    public static PrivateBroker start(String name) {
        int port = freePortPair();
        Path dir = RealInfra.root().resolve("data").resolve("test")
                .resolve(name + "-" + port + "-" + UUID.randomUUID().toString().substring(0, 8));
        LocalInfra infra = new LocalInfra(dir, port, freePortPair());
        if (!infra.startKafka()) {
            throw new IllegalStateException("port " + port + " was taken before the private broker started");
        }
        return new PrivateBroker(infra, dir);
    }

    /** The broker, to stop and start it again (same ports, same data). */
    public LocalInfra infra() {
        return infra;
    }

    public String bootstrapServers() {
        return infra.kafkaBootstrapServers();
    }

    @Override
    public void close() {
        infra.stopKafka();
        RealInfra.deleteTree(dir);
    }

    /** A port that is free together with the next one (the broker's controller listens on port + 1). */
    public static int freePortPair() {
        return FreePorts.pair();
    }
}

package io.taleforge.infra;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker that cannot start says why, in its log and in the launcher's failure (it used to fail silently). */
class KafkaBrokerFailureTest {

    @Test
    void aTakenControllerPortIsNamedInTheFailure(@TempDir Path data) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket controller = new ServerSocket(0, 50, loopback);
                ServerSocket probe = new ServerSocket(0, 50, loopback)) {
            int port = probe.getLocalPort();
            probe.close(); // free for the broker's client listener; its controller port stays taken
            KafkaBroker broker = new KafkaBroker(port, controller.getLocalPort(), data.resolve("kafka"));
            IOException failure = assertThrows(IOException.class, () -> broker.start(Duration.ofSeconds(90)));
            assertTrue(failure.getMessage().contains("Address already in use"), failure.getMessage());
        }
    }
}

package io.taleforge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Free TCP ports on this machine, for processes a test starts (free when asked; use them at once). */
public final class FreePorts {

    private FreePorts() {
    }

    /** One free port. */
    public static int one() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port that is free together with the next one (the broker's controller listens on port + 1). */
    public static int pair() {
        for (int i = 0; i < 50; i++) {
            int port = one();
            if (port < 65535) {
                try (ServerSocket next = new ServerSocket(port + 1)) {
                    return port;
                } catch (IOException taken) {
                    // try another pair
                }
            }
        }
        throw new IllegalStateException("no free pair of ports found");
    }
}

package io.taleforge.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A server process that this launcher starts detached (it outlives the JVM that started it),
 * remembers by a pid file, and stops again. Only processes named in our own pid files are ever
 * stopped, so a broker or Redis that somebody else runs is left alone.
 */
abstract class ManagedProcess {

    protected final String name;
    protected final int port;
    protected final Path dataDir;

    ManagedProcess(String name, int port, Path dataDir) {
        this.name = name;
        this.port = port;
        this.dataDir = dataDir;
    }

    /** True when the service answers on its port the way it should. */
    abstract boolean answers();

    /** Prepares the data directory and returns the command line that runs the server. */
    abstract List<String> prepare() throws IOException;

    Path pidFile() {
        return dataDir.resolve(name + ".pid");
    }

    Path logFile() {
        return dataDir.resolve(name + ".log");
    }

    /**
     * Starts the server unless something already answers on its port.
     *
     * @return true when this call started a process, false when an existing one was reused
     */
    boolean start(Duration timeout) throws IOException {
        if (answers()) {
            return false;
        }
        Files.createDirectories(dataDir);
        List<String> command = prepare();
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dataDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Process process = builder.start();
        Files.writeString(pidFile(), Long.toString(process.pid()));
        boolean up = await(timeout, () -> !process.isAlive() || answers());
        if (!up || !process.isAlive()) {
            stop(Duration.ofSeconds(10));
            throw new IOException(name + " did not come up on port " + port + " within " + timeout
                    + "; " + logFile() + " ends with: " + KafkaBroker.tail(logFile(), 15));
        }
        return true;
    }

    /** Stops the process named in our pid file, if any; returns whether one was stopped. */
    boolean stop(Duration timeout) throws IOException {
        Optional<ProcessHandle> handle = ownProcess();
        Files.deleteIfExists(pidFile());
        if (handle.isEmpty()) {
            return false;
        }
        ProcessHandle process = handle.get();
        process.destroy();
        if (!await(timeout, () -> !process.isAlive())) {
            process.destroyForcibly();
            await(Duration.ofSeconds(5), () -> !process.isAlive());
        }
        return true;
    }

    Optional<ProcessHandle> ownProcess() throws IOException {
        if (!Files.exists(pidFile())) {
            return Optional.empty();
        }
        String text = Files.readString(pidFile()).trim();
        try {
            return ProcessHandle.of(Long.parseLong(text)).filter(ProcessHandle::isAlive);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    String status() throws IOException {
        boolean ours = ownProcess().isPresent();
        boolean answering = answers();
        if (answering && ours) {
            return name + " up on port " + port + " (started by taleforge, pid " + ownProcess().get().pid() + ")";
        }
        if (answering) {
            return name + " up on port " + port + " (not started by taleforge)";
        }
        return name + " down (port " + port + ")";
    }

    static boolean portOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Sends one inline command and returns the first reply line, or empty when nothing answers. */
    static Optional<String> ask(int port, String command) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return Optional.of(line.toString());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static boolean await(Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(100); // polling a process we do not control; not test synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}

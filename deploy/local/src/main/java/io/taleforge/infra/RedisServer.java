package io.taleforge.infra;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A real redis-server: the one on PATH when there is one, otherwise the Linux binary shipped
 * inside the {@code com.github.codemonstur:embedded-redis} jar from Maven Central, extracted
 * under the data directory. Redis holds only what may be lost, so persistence is off.
 */
final class RedisServer extends ManagedProcess {

    private static final String SHIPPED_BINARY = "redis-server-6.2.6-v5-linux-amd64";

    RedisServer(int port, Path dataDir) {
        super("redis", port, dataDir);
    }

    @Override
    boolean answers() {
        return ask(port, "PING").filter("+PONG"::equals).isPresent();
    }

    @Override
    List<String> prepare() throws IOException {
        return List.of(binary().toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", dataDir.toString(), "--save", "", "--appendonly", "no", "--daemonize", "no");
    }

    Path binary() throws IOException {
        Optional<Path> onPath = onPath("redis-server");
        if (onPath.isPresent()) {
            return onPath.get();
        }
        String os = System.getProperty("os.name").toLowerCase();
        String arch = System.getProperty("os.arch");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new IOException("no redis-server on PATH and no shipped binary for " + os + "/" + arch
                    + "; install Redis");
        }
        Path target = dataDir.getParent().resolve("bin").resolve(SHIPPED_BINARY);
        if (!Files.isExecutable(target)) {
            Files.createDirectories(target.getParent());
            String jar = KafkaBroker.resource("redis.classpath");
            try (ZipFile zip = new ZipFile(jar)) {
                ZipEntry entry = zip.getEntry(SHIPPED_BINARY);
                if (entry == null) {
                    throw new IOException(jar + " does not contain " + SHIPPED_BINARY);
                }
                Path tmp = Files.createTempFile(target.getParent(), "redis", ".tmp");
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                tmp.toFile().setExecutable(true);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return target;
    }

    private static Optional<Path> onPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, executable);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}

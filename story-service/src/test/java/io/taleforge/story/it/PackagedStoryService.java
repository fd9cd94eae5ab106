package io.taleforge.story.it;

import java.nio.file.Path;
import java.util.UUID;

import io.taleforge.testing.PackagedService;
import io.taleforge.testing.RealInfra;

/** How the restart ITs start the packaged story-service: on an H2 file of its own, against the real broker. */
final class PackagedStoryService {

    private PackagedStoryService() {
    }

    /** Not started; its data under {@code target/it/<run>-<random>}, kept across its stops and starts. */
    static PackagedService onItsOwnDatabase(String run) {
        Path jar = PackagedService.packagedJar("story-service.jar");
        Path workDir = jar.getParent().getParent().resolve("it")
                .resolve(run + "-" + UUID.randomUUID().toString().substring(0, 8));
        return new PackagedService("story-service", jar).workDir(workDir)
                .jvm("-XX:+UseSerialGC", "-Xmx256m")
                .set("taleforge.data", workDir)
                .set("kafka.bootstrap.servers", RealInfra.get().kafkaBootstrapServers());
    }
}

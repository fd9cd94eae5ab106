package io.taleforge.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml as Docker Compose itself reads it: {@code docker-compose config} (Debian's
 * docker-compose 1.29, installed by deploy/local/ensure-docker-compose) parses, interpolates and
 * validates the file against the Compose schema without a Docker daemon.
 */
class ComposeConfigTest {

    private static String dockerCompose;

    @BeforeAll
    static void installDockerCompose() {
        dockerCompose = Tool.ensure("deploy/local/ensure-docker-compose");
    }

    /** {@code docker-compose [--env-file .env.example] -f FILE ARGS...}, .env.example standing in for the operator's .env. */
    private static Tool.Result compose(String file, String... args) {
        List<String> command = new ArrayList<>(List.of(dockerCompose,
                "--env-file", Deployment.root().resolve(".env.example").toString(), "-f", file));
        command.addAll(List.of(args));
        return Tool.run(Map.of(), command.toArray(String[]::new));
    }

    @Test
    void dockerComposeAcceptsTheFileWithTheExampleEnvironment() {
        Tool.Result config = compose(Deployment.root().resolve("docker-compose.yml").toString(), "config", "--quiet");
        assertEquals(0, config.exit(), "docker-compose config refused docker-compose.yml, " + config);
    }

    @Test
    void composeSeesEveryServiceAndTheInfrastructure() {
        Tool.Result services = compose(Deployment.root().resolve("docker-compose.yml").toString(), "config", "--services");
        assertEquals(0, services.exit(), services.toString());
        List<String> expected = new ArrayList<>(List.of("kafka", "mssql", "mssql-init", "redis", "media-permissions"));
        expected.addAll(Deployment.SERVICES);
        Deployment.DATABASE_SERVICES.forEach(name -> expected.add(name + "-migrate"));
        for (String service : expected) {
            assertTrue(services.lines().contains(service), "docker-compose config does not list " + service + ", " + services);
        }
    }

    @Test
    void aBrokenFileIsRefusedWithTheReason() {
        Tool.Result config = compose(Tool.fixture("docker-compose.yml").toString(), "config", "--quiet");
        assertNotEquals(0, config.exit(), "docker-compose config accepted a broken file, " + config);
        assertTrue(config.output().contains("helthcheck"), "the reason names the misspelt option, " + config);
    }
}

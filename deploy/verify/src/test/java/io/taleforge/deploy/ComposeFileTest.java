package io.taleforge.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.taleforge.contracts.Topics;

/** docker-compose.yml, read as data: what `docker compose up` would need to come up healthy. */
class ComposeFileTest {

    private final JsonNode services = Deployment.compose().path("services");

    @Test
    void everyServiceAndTheInfrastructureArePresent() {
        for (String name : List.of("kafka", "mssql", "mssql-init", "redis")) {
            assertTrue(services.has(name), "compose service missing: " + name);
        }
        for (String name : Deployment.SERVICES) {
            assertTrue(services.has(name), "compose service missing: " + name);
        }
    }

    @Test
    void servicesAreBuiltFromTheirDockerfilesAtTheRepositoryRoot() {
        for (String name : Deployment.SERVICES) {
            JsonNode build = services.path(name).path("build");
            assertEquals(".", build.path("context").asText(), name + ": build context");
            String dockerfile = build.path("dockerfile").asText();
            assertEquals(name + "/src/main/docker/Dockerfile.jvm", dockerfile, name + ": dockerfile");
            assertTrue(Files.isRegularFile(Deployment.root().resolve(dockerfile)), name + ": no " + dockerfile);
        }
    }

    @Test
    void everyRequiredEnvironmentVariableIsSet() {
        for (String name : Deployment.SERVICES) {
            Map<String, String> env = Deployment.composeEnv(services.path(name));
            Set<String> required = Deployment.requiredEnv(name);
            assertFalse(required.isEmpty(), name + ": the derivation found nothing required");
            for (String variable : required) {
                String value = env.get(variable);
                assertTrue(value != null && !value.isBlank(), name + ": " + variable + " is not set in docker-compose.yml");
            }
        }
    }

    @Test
    void servicesReachTheInfrastructureByComposeServiceName() {
        for (String name : Deployment.SERVICES) {
            Map<String, String> env = Deployment.composeEnv(services.path(name));
            assertEquals("kafka:9092", env.get("KAFKA_BOOTSTRAP_SERVERS"), name);
            if (env.containsKey("REDIS_URL")) {
                assertEquals("redis://redis:6379", env.get("REDIS_URL"), name);
            }
            env.forEach((key, value) -> assertFalse(value != null && (value.contains("127.0.0.1") || value.contains("localhost")),
                    name + ": " + key + " points at the container itself: " + value));
        }
        Map<String, String> gateway = Deployment.composeEnv(services.path("gateway"));
        for (String target : List.of("story-service", "image-service", "approval-service", "film-service")) {
            String variable = "QUARKUS_REST_CLIENT_" + target.toUpperCase().replace('-', '_') + "_URL";
            assertEquals("http://" + target + ":" + Deployment.httpPort(target), gateway.get(variable), variable);
        }
    }

    @Test
    void eachDatabaseServiceHasItsOwnDatabaseAndTheInitStepCreatesIt() {
        String init = services.path("mssql-init").path("command").toString();
        Pattern databaseName = Pattern.compile("databaseName=([A-Za-z0-9_]+)");
        List<String> databases = new ArrayList<>();
        for (String name : Deployment.DATABASE_SERVICES) {
            String url = Deployment.composeEnv(services.path(name)).get("TALEFORGE_DB_URL");
            assertTrue(url.startsWith("jdbc:sqlserver://mssql:1433;"), name + ": " + url);
            Matcher m = databaseName.matcher(url);
            assertTrue(m.find(), name + ": no databaseName in " + url);
            databases.add(m.group(1));
            assertTrue(init.contains("IF DB_ID('" + m.group(1) + "') IS NULL CREATE DATABASE " + m.group(1)),
                    "mssql-init does not create " + m.group(1));
        }
        assertEquals(List.of("taleforge_story", "taleforge_image", "taleforge_approval", "taleforge_film"), databases);
    }

    @Test
    void startupOrderWaitsForHealthAndForTheDatabaseInit() {
        for (String name : Deployment.SERVICES) {
            JsonNode dependsOn = services.path(name).path("depends_on");
            assertTrue(dependsOn.isObject() && dependsOn.size() > 0, name + ": depends_on with conditions expected");
            dependsOn.fields().forEachRemaining(dependency -> {
                String condition = dependency.getValue().path("condition").asText();
                JsonNode target = services.path(dependency.getKey());
                assertFalse(target.isMissingNode(), name + " depends on an unknown service " + dependency.getKey());
                if (condition.equals("service_healthy")) {
                    assertTrue(target.has("healthcheck"), dependency.getKey() + " has no health check to wait for");
                } else {
                    assertEquals("service_completed_successfully", condition, name + " -> " + dependency.getKey());
                    assertEquals("no", target.path("restart").asText(), dependency.getKey() + " is a one-shot step");
                }
            });
            assertTrue(dependsOn.has("kafka"), name + " must wait for kafka");
        }
        for (String name : Deployment.DATABASE_SERVICES) {
            JsonNode dependsOn = services.path(name).path("depends_on");
            assertEquals("service_healthy", dependsOn.path("mssql").path("condition").asText(), name);
            assertEquals("service_completed_successfully", dependsOn.path("mssql-init").path("condition").asText(), name);
        }
        assertEquals("service_healthy", services.path("mssql-init").path("depends_on").path("mssql").path("condition").asText());
    }

    @Test
    void everyDatabaseServiceStartsAfterItsOwnMigrateStepWithLiquibaseOff() {
        for (String name : Deployment.DATABASE_SERVICES) {
            JsonNode service = services.path(name);
            JsonNode step = services.path(name + "-migrate");
            assertFalse(step.isMissingNode(), "no one-shot " + name + "-migrate");
            assertEquals(service.path("image").asText(), step.path("image").asText(), name + "-migrate runs the service's image");
            assertEquals(service.path("build").toString(), step.path("build").toString(), name + "-migrate builds like " + name);
            assertEquals("no", step.path("restart").asText(), name + "-migrate is a one-shot step");
            Map<String, String> stepEnv = Deployment.composeEnv(step);
            Map<String, String> env = Deployment.composeEnv(service);
            assertEquals("true", stepEnv.get("QUARKUS_INIT_AND_EXIT"), name + "-migrate must exit after the migration");
            for (String variable : List.of("TALEFORGE_DB_URL", "TALEFORGE_DB_USER", "TALEFORGE_DB_PASSWORD")) {
                assertEquals(env.get(variable), stepEnv.get(variable), name + "-migrate migrates the service's database: " + variable);
            }
            assertEquals("service_completed_successfully", step.path("depends_on").path("mssql-init").path("condition").asText(),
                    name + "-migrate needs its database created");
            assertEquals("service_completed_successfully",
                    service.path("depends_on").path(name + "-migrate").path("condition").asText(),
                    name + " must start only after its migration succeeded");
            assertEquals("false", env.get("QUARKUS_LIQUIBASE_MIGRATE_AT_START"), name + ": its migrate step ran the changelog");
        }
        assertFalse(services.has("gateway-migrate"), "the gateway has no database");
    }

    @Test
    void healthChecksProbeTheReadinessEndpointOnTheServicePort() {
        for (String name : Deployment.SERVICES) {
            String test = services.path(name).path("healthcheck").path("test").toString();
            String expected = "http://127.0.0.1:" + Deployment.httpPort(name) + "/q/health/ready";
            assertTrue(test.contains(expected), name + ": health check " + test + " does not probe " + expected);
        }
        for (String name : List.of("kafka", "mssql", "redis")) {
            assertTrue(services.path(name).path("healthcheck").path("test").size() > 0, name + ": no health check");
        }
    }

    @Test
    void kafkaIsTheOfficialImageInKraftModeWithThePartitionCountOfTheContracts() {
        JsonNode kafka = services.path("kafka");
        assertTrue(kafka.path("image").asText().startsWith("apache/kafka:"), kafka.path("image").asText());
        Map<String, String> env = Deployment.composeEnv(kafka);
        assertTrue(env.get("KAFKA_PROCESS_ROLES").contains("controller"), "KRaft: the broker is its own controller");
        assertTrue(env.get("KAFKA_ADVERTISED_LISTENERS").contains("kafka:9092"));
        assertEquals(String.valueOf(Topics.PARTITIONS), env.get("KAFKA_NUM_PARTITIONS"));
        assertEquals("false", env.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE"),
                "the services create the declared topics; a typo'd topic must not appear silently");
    }

    @Test
    void everyServiceCreatesTheTopicsWithAReplicationFactorTheBrokersCanHold() {
        long brokers = 1; // this file runs one Kafka node
        for (String name : Deployment.SERVICES) {
            String factor = Deployment.composeEnv(services.path(name)).get("TALEFORGE_KAFKA_REPLICATION_FACTOR");
            assertTrue(factor != null, name + ": TALEFORGE_KAFKA_REPLICATION_FACTOR unset");
            int value = Integer.parseInt(factor);
            assertTrue(value >= 1 && value <= brokers, name + ": replication factor " + value + " with " + brokers + " broker(s)");
        }
    }

    @Test
    void sqlServerAcceptsTheEulaAndTakesItsPasswordFromTheEnvironmentFile() {
        JsonNode mssql = services.path("mssql");
        assertEquals("mcr.microsoft.com/mssql/server:2022-latest", mssql.path("image").asText());
        Map<String, String> env = Deployment.composeEnv(mssql);
        assertEquals("Y", env.get("ACCEPT_EULA"));
        assertTrue(env.get("MSSQL_SA_PASSWORD").matches("\\$\\{MSSQL_SA_PASSWORD(:\\?[^}]*)?}"), env.get("MSSQL_SA_PASSWORD"));
    }

    @Test
    void noSecretValueIsCommitted() {
        services.fields().forEachRemaining(service -> Deployment.composeEnv(service.getValue()).forEach((key, value) -> {
            if (Deployment.SECRET_NAME.matcher(key).matches()) {
                // ${VAR}, ${VAR:?message} or ${VAR:-} (empty default): never a committed value
                assertTrue(value != null && value.matches("\\$\\{[A-Z0-9_]+(:\\?[^}]*|:-)?}"),
                        service.getKey() + ": " + key + " must come from the environment (${...}), not " + value);
            }
            assertFalse(value != null && value.toLowerCase().contains("password="),
                    service.getKey() + ": " + key + " carries a password inline");
        }));
        String gitignore = Deployment.read(Deployment.root().resolve(".gitignore"));
        assertTrue(gitignore.lines().anyMatch(".env"::equals), ".env must be ignored by git");
        String placeholder = examplePassword();
        assertTrue(placeholder.toLowerCase().contains("change-me"), ".env.example holds a placeholder only: " + placeholder);
    }

    @Test
    void theExamplePasswordSatisfiesSqlServersPasswordRule() {
        assertTrue(sqlServerAccepts(examplePassword()),
                ".env.example's MSSQL_SA_PASSWORD: SQL Server refuses to start with it (8+ characters, 3 of upper, lower, digit, symbol)");
        // the rule itself, on passwords SQL Server refuses and accepts
        for (String refused : List.of("change-me", "Short-1", "alllowercase1", "ALLUPPER-")) {
            assertFalse(sqlServerAccepts(refused), refused);
        }
        for (String accepted : List.of("Change-me-1", "Upper1lower", "lower-123")) {
            assertTrue(sqlServerAccepts(accepted), accepted);
        }
    }

    @Test
    void kafkaRunsTheVersionDeployLocalRuns() {
        Matcher local = Pattern.compile("<kafka\\.version>([^<]+)</kafka\\.version>")
                .matcher(Deployment.read(Deployment.root().resolve("deploy/local/pom.xml")));
        assertTrue(local.find(), "deploy/local/pom.xml declares no kafka.version");
        assertEquals("apache/kafka:" + local.group(1), services.path("kafka").path("image").asText(),
                "compose's broker is the Kafka the tests and ./taleforge run");
    }

    /** SQL Server's password policy: at least 8 characters from at least three of the four classes. */
    static boolean sqlServerAccepts(String password) {
        int classes = 0;
        for (String kind : List.of(".*[A-Z].*", ".*[a-z].*", ".*[0-9].*", ".*[^A-Za-z0-9].*")) {
            classes += password.matches(kind) ? 1 : 0;
        }
        return password.length() >= 8 && password.length() <= 128 && classes >= 3;
    }

    private static String examplePassword() {
        Matcher m = Pattern.compile("(?m)^MSSQL_SA_PASSWORD=(.*)$").matcher(Deployment.read(Deployment.root().resolve(".env.example")));
        assertTrue(m.find(), ".env.example sets no MSSQL_SA_PASSWORD");
        return m.group(1).trim();
    }

    @Test
    void imageWorkerReplicasStayWithinThePartitionsAndShareTheMediaStore() {
        JsonNode image = services.path("image-service");
        int replicas = image.path("deploy").path("replicas").asInt(-1);
        assertTrue(replicas >= 1 && replicas <= Topics.PARTITIONS,
                "image-service replicas " + replicas + " must be within 1.." + Topics.PARTITIONS);
        assertFalse(image.has("ports"), "replicas cannot all publish the same host port");
        String storeDir = Deployment.composeEnv(image).get("TALEFORGE_IMAGE_STORE_DIR");
        if (replicas > 1) {
            boolean mounted = false;
            for (JsonNode volume : image.path("volumes")) {
                String[] parts = volume.asText().split(":");
                if (parts.length >= 2 && parts[1].equals(storeDir)) {
                    mounted = true;
                    assertTrue(Deployment.compose().path("volumes").has(parts[0]),
                            "the media volume must be a named volume shared by the replicas: " + parts[0]);
                }
            }
            if (!mounted) {
                fail("image-service has " + replicas + " replicas but its media store " + storeDir + " is not on a shared volume");
            }
        }
    }
}

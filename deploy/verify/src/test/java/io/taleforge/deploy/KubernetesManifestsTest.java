package io.taleforge.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.taleforge.contracts.Topics;

/** deploy/k8s, read as data: what `kubectl apply -f deploy/k8s` would need to run and scale. */
class KubernetesManifestsTest {

    /** The Secret deploy/README.md tells operators to create. */
    private static final String SECRET = "taleforge-secrets";

    private static final JsonNode MISSING = MissingNode.getInstance();

    private static JsonNode container(String service) {
        JsonNode containers = Deployment.manifest("Deployment", service).doc()
                .path("spec").path("template").path("spec").path("containers");
        assertEquals(1, containers.size(), service + ": one container expected");
        return containers.get(0);
    }

    /** Every variable the container gets: from its ConfigMap (envFrom) and its env entries. */
    private static Map<String, JsonNode> containerEnv(String service) {
        Map<String, JsonNode> env = new HashMap<>();
        JsonNode container = container(service);
        for (JsonNode from : container.path("envFrom")) {
            String configMap = from.path("configMapRef").path("name").asText(null);
            if (configMap != null) {
                Deployment.manifest("ConfigMap", configMap).doc().path("data").fields()
                        .forEachRemaining(e -> env.put(e.getKey(), e.getValue()));
            }
        }
        for (JsonNode entry : container.path("env")) {
            env.put(entry.path("name").asText(), entry);
        }
        return env;
    }

    @Test
    void everyServiceHasADeploymentAServiceAndAConfigMap() {
        for (String service : Deployment.SERVICES) {
            for (String kind : List.of("Deployment", "Service", "ConfigMap")) {
                Deployment.manifest(kind, service);
            }
            JsonNode svc = Deployment.manifest("Service", service).doc().path("spec");
            assertEquals(Deployment.httpPort(service), svc.path("ports").get(0).path("port").asInt(), service + ": Service port");
            assertEquals(service, svc.path("selector").path("app.kubernetes.io/name").asText(), service + ": Service selector");
            JsonNode deployment = Deployment.manifest("Deployment", service).doc().path("spec");
            assertEquals(service, deployment.path("template").path("metadata").path("labels").path("app.kubernetes.io/name").asText(),
                    service + ": pods must carry the label the Service selects");
            assertEquals(Deployment.httpPort(service), container(service).path("ports").get(0).path("containerPort").asInt(),
                    service + ": containerPort");
        }
    }

    @Test
    void everyRequiredEnvironmentVariableIsSet() {
        for (String service : Deployment.SERVICES) {
            Map<String, JsonNode> env = containerEnv(service);
            for (String variable : Deployment.requiredEnv(service)) {
                assertTrue(env.containsKey(variable), service + ": " + variable + " is set neither in its ConfigMap nor in env");
            }
        }
    }

    @Test
    void everyServiceReadsItsSecretsFromTheNamedSecretAndNoValueIsCommitted() {
        assertTrue(Deployment.manifests("Secret").isEmpty(), "no Secret manifest (with values) may be committed");
        for (String service : Deployment.SERVICES) {
            Map<String, JsonNode> env = containerEnv(service);
            long fromSecret = env.values().stream().filter(v -> v.has("valueFrom")).count();
            assertTrue(fromSecret > 0, service + ": no secretKeyRef");
            env.forEach((name, value) -> {
                if (value.has("valueFrom")) {
                    JsonNode ref = value.path("valueFrom").path("secretKeyRef");
                    assertEquals(SECRET, ref.path("name").asText(), service + ": " + name);
                    assertFalse(ref.path("key").asText().isBlank(), service + ": " + name + " has no key");
                } else if (Deployment.SECRET_NAME.matcher(name).matches()) {
                    throw new AssertionError(service + ": " + name + " must come from a secretKeyRef, not a literal");
                }
                String literal = value.isTextual() ? value.asText() : value.path("value").asText("");
                assertFalse(literal.toLowerCase().contains("password="), service + ": " + name + " carries a password inline");
            });
            for (String password : List.of("TALEFORGE_DB_PASSWORD")) {
                if (Deployment.requiredEnv(service).contains(password)) {
                    assertTrue(env.get(password).has("valueFrom"), service + ": " + password + " must be a secretKeyRef");
                }
            }
        }
    }

    @Test
    void theReadmeNamesTheSecretAndEveryKeyTheManifestsUse() {
        String readme = Deployment.read(Deployment.root().resolve("deploy/README.md"));
        assertTrue(readme.contains(SECRET), "deploy/README.md must name the Secret " + SECRET);
        for (String service : Deployment.SERVICES) {
            containerEnv(service).values().stream().filter(v -> v.has("valueFrom"))
                    .map(v -> v.path("valueFrom").path("secretKeyRef").path("key").asText())
                    .forEach(key -> assertTrue(readme.contains(key), "deploy/README.md does not list the Secret key " + key));
        }
    }

    @Test
    void probesUseTheHealthEndpointsOfTheServicePort() {
        for (String service : Deployment.SERVICES) {
            JsonNode container = container(service);
            assertEquals("/q/health/ready", container.path("readinessProbe").path("httpGet").path("path").asText(), service);
            assertEquals("/q/health/live", container.path("livenessProbe").path("httpGet").path("path").asText(), service);
            for (String probe : List.of("readinessProbe", "livenessProbe")) {
                JsonNode port = container.path(probe).path("httpGet").path("port");
                boolean matches = port.isInt()
                        ? port.asInt() == Deployment.httpPort(service)
                        : port.asText().equals(container.path("ports").get(0).path("name").asText());
                assertTrue(matches, service + ": " + probe + " port " + port);
            }
            // the endpoints exist only because the service depends on SmallRye Health
            String pom = Deployment.read(Deployment.root().resolve(service).resolve("pom.xml"));
            assertTrue(pom.contains("<artifactId>quarkus-smallrye-health</artifactId>"), service + " serves no /q/health");
        }
    }

    @Test
    void resourcesHaveRequestsAndLimits() {
        for (String service : Deployment.SERVICES) {
            JsonNode resources = container(service).path("resources");
            for (String bound : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    assertFalse(resources.path(bound).path(resource).asText().isBlank(),
                            service + ": resources." + bound + "." + resource);
                }
            }
        }
    }

    @Test
    void everyDatabaseDeploymentMigratesInAnInitContainerBeforeTheServiceStarts() {
        for (String service : Deployment.DATABASE_SERVICES) {
            JsonNode inits = Deployment.manifest("Deployment", service).doc()
                    .path("spec").path("template").path("spec").path("initContainers");
            assertEquals(1, inits.size(), service + ": one init container expected, the migration");
            JsonNode migrate = inits.get(0);
            assertEquals("migrate", migrate.path("name").asText(), service);
            assertEquals(container(service).path("image").asText(), migrate.path("image").asText(),
                    service + ": the migration runs the service's image");
            Map<String, JsonNode> env = new HashMap<>();
            migrate.path("env").forEach(entry -> env.put(entry.path("name").asText(), entry));
            assertEquals("true", env.getOrDefault("QUARKUS_INIT_AND_EXIT", MISSING).path("value").asText(),
                    service + ": the init container must exit after the migration");
            Map<String, JsonNode> serviceEnv = containerEnv(service);
            for (String variable : List.of("TALEFORGE_DB_URL", "TALEFORGE_DB_USER")) {
                JsonNode ref = env.getOrDefault(variable, MISSING).path("valueFrom").path("configMapKeyRef");
                assertEquals(service, ref.path("name").asText(), service + ": " + variable + " from the service's ConfigMap");
                assertTrue(serviceEnv.containsKey(ref.path("key").asText()), service + ": the ConfigMap has no " + ref.path("key"));
            }
            assertEquals(serviceEnv.get("TALEFORGE_DB_PASSWORD").path("valueFrom").toString(),
                    env.getOrDefault("TALEFORGE_DB_PASSWORD", MISSING).path("valueFrom").toString(),
                    service + ": the migration logs in with the service's secret");
            for (String bound : List.of("requests", "limits")) {
                assertFalse(migrate.path("resources").path(bound).path("memory").asText().isBlank(),
                        service + ": init container resources." + bound + ".memory");
            }
            assertEquals("false", serviceEnv.getOrDefault("QUARKUS_LIQUIBASE_MIGRATE_AT_START", MISSING).path("value").asText(),
                    service + ": the init container ran the changelog, the service must not run it again");
        }
        assertTrue(Deployment.manifest("Deployment", "gateway").doc().path("spec").path("template").path("spec")
                .path("initContainers").isMissingNode(), "the gateway has no database to migrate");
    }

    @Test
    void imageNamesMatchDockerCompose() {
        JsonNode services = Deployment.compose().path("services");
        for (String service : Deployment.SERVICES) {
            String compose = services.path(service).path("image").asText();
            assertEquals("taleforge/" + service, compose.split(":")[0], service + ": compose image");
            assertEquals(compose, container(service).path("image").asText(), service + ": image differs between compose and k8s");
        }
    }

    @Test
    void everyServiceCreatesItsTopicsReplicatedOnACluster() {
        for (String service : Deployment.SERVICES) {
            JsonNode factor = containerEnv(service).get("TALEFORGE_KAFKA_REPLICATION_FACTOR");
            assertTrue(factor != null, service + ": TALEFORGE_KAFKA_REPLICATION_FACTOR unset (topics would get one replica)");
            assertTrue(Integer.parseInt(factor.asText()) >= 2, service + ": a cluster replicates every topic, got " + factor.asText());
        }
        assertEquals(1, Deployment.SERVICES.stream().map(s -> containerEnv(s).get("TALEFORGE_KAFKA_REPLICATION_FACTOR").asText())
                .distinct().count(), "every service declares the same replication factor");
    }

    @Test
    void kedaScalesImageWorkersOnTheirLagUpToThePartitionCount() {
        JsonNode spec = Deployment.manifest("ScaledObject", "image-service").doc().path("spec");
        assertEquals("image-service", spec.path("scaleTargetRef").path("name").asText());
        Deployment.manifest("Deployment", spec.path("scaleTargetRef").path("name").asText());
        assertEquals(1, spec.path("minReplicaCount").asInt());
        assertEquals(Topics.PARTITIONS, spec.path("maxReplicaCount").asInt(), "more replicas than partitions sit idle");
        JsonNode triggers = spec.path("triggers");
        assertEquals(1, triggers.size());
        JsonNode trigger = triggers.get(0);
        assertEquals("kafka", trigger.path("type").asText());
        JsonNode metadata = trigger.path("metadata");
        assertEquals(Topics.SCENE_APPROVED, metadata.path("topic").asText());
        assertEquals(Topics.IMAGE_WORKERS_GROUP, metadata.path("consumerGroup").asText());
        assertTrue(Integer.parseInt(metadata.path("lagThreshold").asText()) > 0, "lagThreshold");
        assertEquals(containerEnv("image-service").get("KAFKA_BOOTSTRAP_SERVERS").asText(), metadata.path("bootstrapServers").asText(),
                "KEDA must read the lag from the broker the workers use");
    }

    @Test
    void kedaScalesFilmWorkersOnTheirLagUpToThePartitionCount() {
        JsonNode spec = Deployment.manifest("ScaledObject", "film-service").doc().path("spec");
        assertEquals("film-service", spec.path("scaleTargetRef").path("name").asText());
        Deployment.manifest("Deployment", "film-service");
        assertEquals(1, spec.path("minReplicaCount").asInt());
        assertEquals(Topics.PARTITIONS, spec.path("maxReplicaCount").asInt(), "more replicas than partitions sit idle");
        JsonNode metadata = spec.path("triggers").get(0).path("metadata");
        assertEquals("kafka", spec.path("triggers").get(0).path("type").asText());
        assertEquals(Topics.CLIP_REQUESTED, metadata.path("topic").asText());
        assertEquals(Topics.FILM_WORKERS_GROUP, metadata.path("consumerGroup").asText());
        assertTrue(Integer.parseInt(metadata.path("lagThreshold").asText()) > 0, "lagThreshold");
        assertEquals(containerEnv("film-service").get("KAFKA_BOOTSTRAP_SERVERS").asText(),
                metadata.path("bootstrapServers").asText(), "KEDA must read the lag from the broker the workers use");
    }

    @Test
    void filmClipsGoToTheMediaVolumeImageServiceServes() {
        String storeDir = containerEnv("film-service").get("TALEFORGE_FILM_STORE_DIR").asText();
        String claim = null;
        JsonNode pod = Deployment.manifest("Deployment", "film-service").doc().path("spec").path("template").path("spec");
        for (JsonNode mount : container("film-service").path("volumeMounts")) {
            if (mount.path("mountPath").asText().equals(storeDir)) {
                for (JsonNode volume : pod.path("volumes")) {
                    if (volume.path("name").asText().equals(mount.path("name").asText())) {
                        claim = volume.path("persistentVolumeClaim").path("claimName").asText(null);
                    }
                }
            }
        }
        assertEquals("image-media", claim, "clips are served by image-service's /media: the same volume");
        assertEquals(containerEnv("image-service").get("TALEFORGE_IMAGE_STORE_DIR").asText(), storeDir);
    }

    @Test
    void theImageMediaStoreIsAVolumeEveryReplicaShares() {
        JsonNode pod = Deployment.manifest("Deployment", "image-service").doc().path("spec").path("template").path("spec");
        String storeDir = containerEnv("image-service").get("TALEFORGE_IMAGE_STORE_DIR").asText();
        String volumeName = null;
        for (JsonNode mount : container("image-service").path("volumeMounts")) {
            if (mount.path("mountPath").asText().equals(storeDir)) {
                volumeName = mount.path("name").asText();
            }
        }
        assertTrue(volumeName != null, "the media store " + storeDir + " is not on a volume");
        String claim = null;
        for (JsonNode volume : pod.path("volumes")) {
            if (volume.path("name").asText().equals(volumeName)) {
                claim = volume.path("persistentVolumeClaim").path("claimName").asText(null);
            }
        }
        assertTrue(claim != null, "the media volume must be a PersistentVolumeClaim");
        JsonNode modes = Deployment.manifest("PersistentVolumeClaim", claim).doc().path("spec").path("accessModes");
        assertTrue(modes.toString().contains("ReadWriteMany"), "up to " + Topics.PARTITIONS + " replicas write it: ReadWriteMany");
        assertEquals(185, pod.path("securityContext").path("fsGroup").asInt(), "the image runs as uid 185 and must write the volume");
    }

    @Test
    void everyManifestIsAKnownKind() {
        Set<String> kinds = Set.of("Deployment", "Service", "ConfigMap", "ScaledObject", "PersistentVolumeClaim");
        for (Deployment.Manifest manifest : Deployment.manifests()) {
            assertTrue(kinds.contains(manifest.kind()), "unexpected " + manifest);
            assertFalse(manifest.name().isBlank(), manifest + " has no name");
            assertFalse(manifest.doc().path("apiVersion").asText().isBlank(), manifest + " has no apiVersion");
        }
    }
}

package io.taleforge.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * deploy/k8s against the Kubernetes API schemas: deploy/verify/k8s-schema/check runs the
 * kubernetes-models validators from npm (KEDA's for the ScaledObjects) over every document.
 */
class KubernetesSchemaTest {

    private static Tool.Result check(Path... files) {
        List<String> command = new ArrayList<>(List.of(Deployment.root().resolve("deploy/verify/k8s-schema/check").toString()));
        for (Path file : files) {
            command.add(file.toString());
        }
        return Tool.run(Map.of(), command.toArray(String[]::new));
    }

    private static Path[] manifestFiles() {
        try (Stream<Path> files = Files.list(Deployment.root().resolve("deploy/k8s"))) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted()
                    .toArray(Path[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyManifestValidatesAgainstItsKindsSchema() {
        Tool.Result result = check(manifestFiles());
        assertEquals(0, result.exit(), "a manifest fails its schema, " + result);
        List<String> valid = result.lines().stream().filter(l -> l.startsWith("ok ")).toList();
        assertEquals(Deployment.manifests().size(), valid.size(), "every document was validated, " + result);
        for (String service : Deployment.SERVICES) {
            for (String kind : List.of("ConfigMap", "Deployment", "Service")) {
                assertTrue(valid.contains("ok " + service + ".yaml " + kind + "/" + service),
                        service + ": " + kind + " not validated, " + result);
            }
        }
        for (String scaled : List.of("image-service", "film-service")) {
            assertTrue(valid.contains("ok " + scaled + ".yaml ScaledObject/" + scaled), "KEDA's schema checked " + scaled);
        }
    }

    @Test
    void brokenManifestsAreRefusedEachWithItsReason() {
        Tool.Result result = check(Tool.fixture("manifests.yaml"));
        assertEquals(1, result.exit(), "the broken manifests passed, " + result);
        String output = result.output();
        assertTrue(output.contains("Map keys must be unique"), "a key given twice, " + result);
        assertTrue(output.contains("Deployment/named-port: data/spec/template/spec/containers/0/ports/0/containerPort must be integer"),
                "a port by name, " + result);
        assertTrue(output.contains("ScaledObject/nameless-target:") && output.contains("scaleTargetRef must have required property name"),
                "KEDA's schema, " + result);
        assertTrue(output.contains("Deployment/retired: no schema for extensions/v1beta2 Deployment"), "a retired API, " + result);
        assertTrue(result.lines().stream().noneMatch(l -> l.startsWith("ok ")), "no broken document passes, " + result);
    }
}

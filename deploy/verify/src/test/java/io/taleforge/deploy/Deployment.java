package io.taleforge.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** What the checks read: the repository, docker-compose.yml, deploy/k8s and each service's configuration. */
final class Deployment {

    /** The five services, with the HTTP port each one's application.properties declares. */
    static final List<String> SERVICES = List.of("story-service", "image-service", "approval-service", "film-service",
            "gateway");

    /** The services that own a database (built for SQL Server by their Dockerfiles). */
    static final List<String> DATABASE_SERVICES = List.of("story-service", "image-service", "approval-service",
            "film-service");

    /** An environment variable name or key that holds a secret. */
    static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|passwd|secret|token|api[_-]?key|credential|cloudinary_url).*");

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:?)");
    private static final Pattern REST_CLIENT_URL = Pattern.compile("(?m)^quarkus\\.rest-client\\.([a-z0-9-]+)\\.url=(.*)$");

    private Deployment() {
    }

    /** The repository root: surefire runs in deploy/verify. */
    static Path root() {
        Path root = Path.of("").toAbsolutePath().resolve("../..").normalize();
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("contracts"))) {
            throw new IllegalStateException("not the Taleforge root: " + root);
        }
        return root;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode compose() {
        try {
            return YAML.readTree(root().resolve("docker-compose.yml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of every manifest under deploy/k8s, with the file it came from. */
    static List<Manifest> manifests() {
        List<Manifest> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(root().resolve("deploy/k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList()) {
                try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class)
                        .with(new YAMLFactory()).readValues(file.toFile())) {
                    while (docs.hasNext()) {
                        JsonNode doc = docs.next();
                        if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                            all.add(new Manifest(file.getFileName().toString(), doc));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    static List<Manifest> manifests(String kind) {
        return manifests().stream().filter(m -> kind.equals(m.doc().path("kind").asText())).toList();
    }

    static Manifest manifest(String kind, String name) {
        return manifests(kind).stream().filter(m -> name.equals(m.name())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " under deploy/k8s"));
    }

    static String applicationProperties(String service) {
        return read(root().resolve(service).resolve("src/main/resources/application.properties"));
    }

    /** quarkus.http.port of the service, from its application.properties. */
    static int httpPort(String service) {
        Matcher m = Pattern.compile("(?m)^quarkus\\.http\\.port=(\\d+)").matcher(applicationProperties(service));
        if (!m.find()) {
            throw new AssertionError(service + " declares no quarkus.http.port");
        }
        return Integer.parseInt(m.group(1));
    }

    /**
     * The environment variables the service cannot run without in production.
     * <p>
     * Derived first from its application.properties (lines of the default profile only): every
     * {@code ${VAR}} without a default. Then the ones whose defaults only make sense on one
     * machine, each decided here with the reason:
     * <ul>
     * <li>{@code TALEFORGE_DB_URL/USER/PASSWORD} wherever {@code TALEFORGE_DB_URL} is referenced:
     * the defaults are an H2 file and user {@code sa} with no password, while the image is built
     * for SQL Server;</li>
     * <li>{@code KAFKA_BOOTSTRAP_SERVERS}, {@code REDIS_URL} wherever referenced: the defaults are
     * 127.0.0.1, which inside a container is the container itself;</li>
     * <li>{@code QUARKUS_REST_CLIENT_<NAME>_URL} for every {@code quarkus.rest-client.<name>.url}
     * whose default points at 127.0.0.1 or localhost (the other services);</li>
     * <li>{@code TALEFORGE_IMAGE_STORE_DIR} for image-service: the default is ./data/media inside
     * the container, which replicas do not share and a restart loses;</li>
     * <li>{@code TALEFORGE_FILM_STORE_DIR} for film-service, for the same reason: its clips go to
     * the same shared media volume, where image-service serves them at /media.</li>
     * </ul>
     */
    static Set<String> requiredEnv(String service) {
        String properties = applicationProperties(service);
        Set<String> referenced = new TreeSet<>();
        Set<String> required = new TreeSet<>();
        for (String line : properties.split("\n")) {
            if (line.startsWith("#") || line.startsWith("%")) {
                continue;
            }
            Matcher m = ENV_REFERENCE.matcher(line);
            while (m.find()) {
                referenced.add(m.group(1));
                if (m.group(2).isEmpty()) {
                    required.add(m.group(1));
                }
            }
        }
        if (referenced.contains("TALEFORGE_DB_URL")) {
            required.addAll(List.of("TALEFORGE_DB_URL", "TALEFORGE_DB_USER", "TALEFORGE_DB_PASSWORD"));
        }
        for (String infra : List.of("KAFKA_BOOTSTRAP_SERVERS", "REDIS_URL")) {
            if (referenced.contains(infra)) {
                required.add(infra);
            }
        }
        Matcher client = REST_CLIENT_URL.matcher(properties);
        while (client.find()) {
            if (!client.group(2).contains("127.0.0.1") && !client.group(2).contains("localhost")) {
                continue; // an outside API (OpenAI, Cloudinary) whose default is its public address
            }
            required.add("QUARKUS_REST_CLIENT_" + client.group(1).toUpperCase().replace('-', '_') + "_URL");
        }
        if (service.equals("image-service")) {
            required.add("TALEFORGE_IMAGE_STORE_DIR");
        }
        if (service.equals("film-service")) {
            required.add("TALEFORGE_FILM_STORE_DIR");
        }
        return required;
    }

    /** The environment of a compose service as a name → value map. */
    static Map<String, String> composeEnv(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode environment = service.path("environment");
        if (environment.isObject()) {
            environment.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        } else if (environment.isArray()) {
            for (JsonNode entry : environment) {
                String[] kv = entry.asText().split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : null);
            }
        }
        return env;
    }

    /** One document of a Kubernetes manifest file. */
    record Manifest(String file, JsonNode doc) {

        String kind() {
            return doc.path("kind").asText();
        }

        String name() {
            return doc.path("metadata").path("name").asText();
        }

        @Override
        public String toString() {
            return file + ": " + kind() + "/" + name();
        }
    }
}

package io.taleforge.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** deploy/README.md names the variables the deployment files set, by the names of the root README's table. */
class ReadmeVariablesTest {

    private static final Pattern VARIABLE = Pattern.compile("`((?:TALEFORGE|QUARKUS|KAFKA|REDIS|OPENAI|CLOUDINARY|KLING|MINIMAX)_[A-Z0-9_]+)`");

    @Test
    void everyVariableTheDeployReadmeNamesIsInTheRootReadmeTable() {
        Set<String> named = named(Deployment.read(Deployment.root().resolve("deploy/README.md")));
        String root = Deployment.read(Deployment.root().resolve("README.md"));
        assertFalse(named.isEmpty(), "deploy/README.md names no variable");
        for (String variable : named) {
            assertTrue(root.contains("`" + variable + "`"),
                    "deploy/README.md names " + variable + ", which the root README's table does not");
        }
    }

    @Test
    void everyVariableComposeSetsForAServiceIsInTheDeployReadme() {
        Set<String> named = named(Deployment.read(Deployment.root().resolve("deploy/README.md")));
        JsonNode services = Deployment.compose().path("services");
        for (String service : Deployment.SERVICES) {
            for (String variable : Deployment.composeEnv(services.path(service)).keySet()) {
                assertTrue(named.contains(variable), "docker-compose.yml sets " + variable + " for " + service
                        + ", which deploy/README.md does not name");
            }
        }
    }

    private static Set<String> named(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}

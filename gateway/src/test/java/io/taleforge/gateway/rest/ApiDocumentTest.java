package io.taleforge.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.testing.RealInfraResource;

/**
 * The OpenAPI document as a client gets it: exported to {@code target/openapi/openapi.json} and
 * checked by a real linter (Redocly CLI from npm, installed by {@code deploy/local/ensure-redocly}
 * into a cache folder), which must report 0 errors; and served with Swagger UI.
 */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class ApiDocumentTest {

    static final Path EXPORTED = Path.of("target", "openapi", "openapi.json");

    @Test
    void theDocumentPassesRedoclyLintWithNoErrors() throws Exception {
        String document = given().accept("application/json").when().get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString();
        Files.createDirectories(EXPORTED.getParent());
        Files.writeString(EXPORTED, document);

        Result installed = run(List.of("../deploy/local/ensure-redocly"));
        assertEquals(0, installed.exit(), installed.output());
        List<String> lines = installed.output().strip().lines().toList();
        String redocly = lines.get(lines.size() - 1); // the path, after what the installer said
        Result lint = run(List.of(redocly, "lint", "--format=stylish", EXPORTED.toString()));
        System.out.println("redocly lint " + EXPORTED + " (exit " + lint.exit() + "):\n" + lint.output());
        assertEquals(0, lint.exit(), lint.output());
        assertTrue(lint.output().contains("valid"), lint.output());
    }

    @Test
    void swaggerUiIsServed() {
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    record Result(int exit, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "finished: " + command);
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}

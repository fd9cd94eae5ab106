package io.taleforge.story;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.testing.RealInfraResource;

@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class HealthTest {

    private static final String DATABASE = "checks.find { it.name == 'Database connections health check' }";
    private static final String BROKER = "checks.find { it.name == 'SmallRye Reactive Messaging - readiness check' }";

    /** Ready needs both: the database check and the broker check (the consumer of image-rejected-in is connected). */
    @Test
    void readyOnlyWithDatabaseAndBroker() {
        given().when().get("/q/health/ready")
                .then().log().ifValidationFails().statusCode(200)
                .body("status", equalTo("UP"))
                .body(DATABASE + ".status", equalTo("UP"))
                .body(BROKER + ".status", equalTo("UP"))
                .body(BROKER + ".data.'image-rejected-in'", equalTo("[OK]"));
    }
}

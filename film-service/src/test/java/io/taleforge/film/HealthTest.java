package io.taleforge.film;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.film.support.WireMockResource;
import io.taleforge.testing.RealInfraResource;

@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
@QuarkusTestResource(WireMockResource.class)
class HealthTest {

    @Test
    void readyOnlyWithDatabaseAndBroker() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
    }
}

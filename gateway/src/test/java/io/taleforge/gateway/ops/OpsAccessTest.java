package io.taleforge.gateway.ops;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.gateway.service.ReaderTokens;
import io.taleforge.testing.RealInfraResource;

/**
 * The operations page is the operator's alone: without the operator token (a reader's token is
 * not one) every route under {@code /ops} is a 401 problem naming {@code Authorization}; with it
 * the page, its files and its data. The services are down in this test (nothing answers on their
 * URLs): the merged journal names each of them as not answering instead of failing.
 */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class OpsAccessTest {

    private static final String TOKEN = "test-operator-token-0123456789";

    @Test
    void withoutTheOperatorTokenEveryOpsRouteIs401Problem() {
        for (String path : new String[] { "/ops", "/ops/api/operations", "/ops/files/ops.js", "/ops/api/lag" }) {
            given().get(path).then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", startsWith("Bearer"))
                    .body("status", equalTo(401)).body("errors[0].field", equalTo("Authorization"));
        }
        given().header("Authorization", "Bearer " + ReaderTokens.newToken()).get("/ops/api/operations")
                .then().statusCode(401);
        given().cookie("taleforge_reader", ReaderTokens.newToken()).get("/ops").then().statusCode(401);
        given().header("Authorization", "Bearer " + TOKEN + "x").get("/ops").then().statusCode(401);
    }

    @Test
    void theOperatorGetsThePageAndItsChartingLibrary() {
        given().header("Authorization", "Bearer " + TOKEN).get("/ops").then().statusCode(200)
                .contentType(containsString("text/html")).body(containsString("Taleforge operations"));
        given().cookie("taleforge_ops", TOKEN).get("/ops/files/chart-4.6.1.umd.min.js").then().statusCode(200)
                .body(containsString("Chart.js v4.6.1"));
        given().cookie("taleforge_ops", TOKEN).get("/ops/files/../application.properties").then().statusCode(404);
    }

    @Test
    void theTokenInTheAddressIsTradedForTheCookie() {
        given().redirects().follow(false).get("/ops?token=" + TOKEN).then().statusCode(303)
                .header("Location", containsString("/ops")).cookie("taleforge_ops", TOKEN);
    }

    @Test
    void servicesThatDoNotAnswerAreNamedBesideTheRows() {
        given().header("Authorization", "Bearer " + TOKEN).get("/ops/api/operations?status=failed").then()
                .statusCode(200).body("items.size()", equalTo(0))
                .body("unanswered", hasKey("story-service")).body("unanswered", hasKey("image-service"))
                .body("unanswered", hasKey("approval-service")).body("unanswered", hasKey("film-service"))
                .body("unanswered.'story-service'", equalTo("not reachable"));
        given().header("Authorization", "Bearer " + TOKEN).get("/ops/api/operations?storyId=nope").then()
                .statusCode(400);
        given().header("Authorization", "Bearer " + TOKEN).get("/ops/api/spend").then()
                .statusCode(200).body("items.size()", equalTo(0))
                .body("unanswered.'film-service'", equalTo("not reachable"));
        given().header("Authorization", "Bearer " + TOKEN).get("/ops/api/spend?days=0").then().statusCode(400);
    }

    @Test
    void theConsumerLagListsTheGatewaysGroup() {
        await("the gateway's consumer group listed").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().header("Authorization", "Bearer " + TOKEN).get("/ops/api/lag").then().statusCode(200)
                        .body("group", hasItem("gateway")));
    }
}

package io.taleforge.image;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.commons.journal.JournalEntry;
import io.taleforge.image.model.ImageJob;
import io.taleforge.image.service.WarmUp;
import io.taleforge.testing.RealInfraResource;

@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class HealthTest {

    private static final String DATABASE = "checks.find { it.name == 'Database connections health check' }";
    private static final String BROKER = "checks.find { it.name == 'SmallRye Reactive Messaging - readiness check' }";

    /** Ready needs both: the database check and the broker check (the consumer of scene-approved is connected). */
    @Test
    void readyOnlyWithDatabaseAndBroker() {
        given().when().get("/q/health/ready")
                .then().log().ifValidationFails().statusCode(200)
                .body("status", equalTo("UP"))
                .body(DATABASE + ".status", equalTo("UP"))
                .body(BROKER + ".status", equalTo("UP"))
                .body(BROKER + ".data.'scene-approved'", equalTo("[OK]"));
    }

    @Inject
    WarmUp warmUp;

    /** The start-up warm-up ran before the first record, fetched the image-status partitions, and wrote no job or journal row. */
    @Test
    void theStartWarmedTheImagePathWithoutWriting() {
        WarmUp.Report atStart = warmUp.last();
        assertNotNull(atStart, "the warm-up ran at start");
        assertTrue(atStart.producerReady(), "the image-status producer knew its partitions after the warm-up");
        long rows = ImageJob.count();
        long journalRows = JournalEntry.count();
        assertTrue(warmUp.run().producerReady());
        assertEquals(rows, ImageJob.count(), "the warm-up wrote no job row");
        assertEquals(journalRows, JournalEntry.count(), "the warm-up wrote no journal row");
    }
}

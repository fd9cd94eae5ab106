package io.taleforge.commons.journal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.testing.RealInfraResource;

/**
 * Every priced journal row carries its estimate from the start and its actual cost at the end
 * (reported usage, else the estimate; 0 when it failed), and {@code /operations/spend} sums them
 * per day, provider and model.
 */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class JournalSpendTest {

    @Inject
    Journal journal;

    @Test
    void rowsCarryTheirCostAndTheSpendSumsThem() {
        String model = "spend-" + UUID.randomUUID();
        Journal.Subject subject = new Journal.Subject("image-generation", UUID.randomUUID(), 1, 1, "openai", model);
        UUID reported = journal.started(subject, "generate", "p", new BigDecimal("0.070000"));
        journal.success(reported, "generate", "ok", Duration.ofMillis(5), new BigDecimal("0.033400"));
        try (JournalCall fromTable = JournalCall.open(journal, subject, "generate", "p", new BigDecimal("0.070000"))) {
            fromTable.success("generate", "ok");
        }
        try (JournalCall failed = JournalCall.open(journal, subject, "generate", "p", new BigDecimal("0.070000"))) {
            failed.failed("generate", new IllegalStateException("boom"));
        }
        assertEquals(new BigDecimal("0.033400"), actual(reported));

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        Instant from = Instant.now().minus(Duration.ofHours(1));
        given().get("/operations/spend?from=" + from + "&to=" + Instant.now().plusSeconds(60)).then().statusCode(200)
                .body("findAll { it.model == '" + model + "' }", hasSize(1))
                .body("find { it.model == '" + model + "' }.day", equalTo(today))
                .body("find { it.model == '" + model + "' }.calls", equalTo(3))
                .body("find { it.model == '" + model + "' }.estimatedUsd", equalTo(0.21f))
                .body("find { it.model == '" + model + "' }.actualUsd", equalTo(0.1034f));
    }

    @Transactional
    BigDecimal actual(UUID id) {
        return JournalEntry.<JournalEntry>findById(id).actualCost;
    }
}

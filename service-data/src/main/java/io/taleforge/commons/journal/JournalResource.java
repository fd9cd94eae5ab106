package io.taleforge.commons.journal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.taleforge.commons.rest.ProblemException;

/**
 * The journal over REST: recent calls filtered by status, operation, provider, model and story,
 * and latency figures per provider, model and operation over a window (computed by the database,
 * {@link JournalStats}). Read by the gateway's operations page.
 */
@Path("/operations")
@Produces(MediaType.APPLICATION_JSON)
public class JournalResource {

    /** The window of the figures when the request names no start. */
    static final Duration DEFAULT_WINDOW = Duration.ofDays(1);

    private final JournalStats stats;
    private final JournalSpend spend;

    public JournalResource(JournalStats stats, JournalSpend spend) {
        this.stats = stats;
        this.spend = spend;
    }

    public record Operation(UUID id, String operation, UUID storyId, Integer sceneNumber, Integer attempt,
            String status, String step, String inputSummary, String outputSummary, String errorMessage,
            String errorTrace, Long durationMs, String provider, String model, Instant createdAt,
            Instant finishedAt, String traceId,
            BigDecimal estimatedCost, BigDecimal actualCost) {

        static Operation of(JournalEntry e) {
            return new Operation(e.id, e.operation, e.storyId, e.sceneNumber, e.attempt, e.status.name(), e.step,
                    e.inputSummary, e.outputSummary, e.errorMessage, e.errorTrace, e.durationMs, e.provider,
                    e.model, e.createdAt, e.finishedAt, e.traceId, e.estimatedCost,
                    e.actualCost);
        }
    }

    @GET
    public List<Operation> recent(@QueryParam("status") String status, @QueryParam("operation") String operation,
            @QueryParam("storyId") String storyId, @QueryParam("provider") String provider,
            @QueryParam("model") String model,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        filter(query, params, "status", status == null || status.isBlank() ? null : parseStatus(status));
        filter(query, params, "operation", operation);
        filter(query, params, "provider", provider);
        filter(query, params, "model", model);
        filter(query, params, "storyId", storyId == null || storyId.isBlank() ? null : parseUuid(storyId, "storyId"));
        return JournalEntry.<JournalEntry>find(query.toString(), Sort.descending("createdAt"), params)
                .page(0, limit).list().stream().map(Operation::of).toList();
    }

    /** One row, with its stack trace (the operations page asks for it on demand). */
    @GET
    @Path("/{id: [0-9a-fA-F-]{36}}")
    public Operation one(@PathParam("id") String id) {
        JournalEntry entry = JournalEntry.findById(parseUuid(id, "id"));
        if (entry == null) {
            throw ProblemException.notFound("journal row " + id);
        }
        return Operation.of(entry);
    }

    /** Figures per provider, model and operation of the calls started in [from, to) (default: the last day). */
    @GET
    @Path("/stats")
    public List<JournalStats.Stat> stats(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant end = parseInstant("to", to, Instant.now());
        return stats.over(window(from, end), end);
    }

    /** The same figures over [from, to) cut into {@code buckets} slices: the charts of the operations page. */
    @GET
    @Path("/stats/series")
    public List<JournalStats.Bucket> series(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("buckets") @DefaultValue("12") @Min(1) @Max(JournalStats.MAX_BUCKETS) int buckets) {
        Instant end = parseInstant("to", to, Instant.now());
        return stats.series(window(from, end), end, buckets);
    }

    /** US dollars spent per UTC day, provider and model on the priced calls started in [from, to) (default: the last day). */
    @GET
    @Path("/spend")
    public List<JournalSpend.Spend> spend(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant end = parseInstant("to", to, Instant.now());
        return spend.over(window(from, end), end);
    }

    private static void filter(StringBuilder query, Parameters params, String field, Object value) {
        if (value != null && !(value instanceof String text && text.isBlank())) {
            query.append(" and ").append(field).append(" = :").append(field);
            params.and(field, value);
        }
    }

    private static Instant window(String from, Instant end) {
        Instant start = parseInstant("from", from, end.minus(DEFAULT_WINDOW));
        if (!start.isBefore(end)) {
            throw ProblemException.badRequest("from", "must be before to");
        }
        return start;
    }

    private static Instant parseInstant(String field, String value, Instant absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, "must be an ISO-8601 instant such as 2026-12-01T10:00:00Z");
        }
    }

    private static JournalEntry.Status parseStatus(String status) {
        try {
            return JournalEntry.Status.valueOf(status.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("status", "must be one of started, success, failed, skipped");
        }
    }

    private static UUID parseUuid(String id, String field) {
        try {
            return UUID.fromString(id.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, "must be a UUID");
        }
    }
}

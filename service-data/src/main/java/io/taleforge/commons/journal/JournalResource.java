package io.taleforge.commons.journal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.taleforge.commons.rest.ProblemException;

/**
 * The journal over REST: recent calls filtered by status, operation and story, and latency
 * figures per provider and model. Read by the gateway's operations page.
 */
@Path("/operations")
@Produces(MediaType.APPLICATION_JSON)
public class JournalResource {

    /** How many of the newest rows the statistics look at. */
    static final int STATS_WINDOW = 10_000;

    public record Operation(UUID id, String operation, UUID storyId, Integer sceneNumber, Integer attempt,
            String status, String step, String inputSummary, String outputSummary, String errorMessage,
            String errorTrace, Long durationMs, String provider, String model, Instant createdAt,
            Instant finishedAt) {

        static Operation of(JournalEntry e) {
            return new Operation(e.id, e.operation, e.storyId, e.sceneNumber, e.attempt, e.status.name(), e.step,
                    e.inputSummary, e.outputSummary, e.errorMessage, e.errorTrace, e.durationMs, e.provider,
                    e.model, e.createdAt, e.finishedAt);
        }
    }

    public record Stat(String provider, String model, String operation, long count, long failures, long skipped,
            Long p50Ms, Long p95Ms, Long maxMs) {
    }

    @GET
    public List<Operation> recent(@QueryParam("status") String status, @QueryParam("operation") String operation,
            @QueryParam("storyId") String storyId,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (status != null && !status.isBlank()) {
            query.append(" and status = :status");
            params.and("status", parseStatus(status));
        }
        if (operation != null && !operation.isBlank()) {
            query.append(" and operation = :operation");
            params.and("operation", operation);
        }
        if (storyId != null && !storyId.isBlank()) {
            query.append(" and storyId = :storyId");
            params.and("storyId", parseUuid(storyId));
        }
        return JournalEntry.<JournalEntry>find(query.toString(), Sort.descending("createdAt"), params)
                .page(0, limit).list().stream().map(Operation::of).toList();
    }

    @GET
    @Path("/stats")
    public List<Stat> stats() {
        List<JournalEntry> rows = JournalEntry.<JournalEntry>findAll(Sort.descending("createdAt"))
                .page(0, STATS_WINDOW).list();
        Map<String, List<JournalEntry>> groups = new TreeMap<>();
        for (JournalEntry row : rows) {
            groups.computeIfAbsent(row.provider + "\u0000" + row.model + "\u0000" + row.operation,
                    k -> new ArrayList<>()).add(row);
        }
        List<Stat> stats = new ArrayList<>();
        groups.forEach((key, group) -> {
            JournalEntry first = group.get(0);
            List<Long> durations = group.stream()
                    .filter(e -> e.status == JournalEntry.Status.SUCCESS || e.status == JournalEntry.Status.FAILED)
                    .map(e -> e.durationMs).filter(d -> d != null).sorted().toList();
            Map<JournalEntry.Status, Long> byStatus = new HashMap<>();
            group.forEach(e -> byStatus.merge(e.status, 1L, Long::sum));
            stats.add(new Stat(first.provider, first.model, first.operation, group.size(),
                    byStatus.getOrDefault(JournalEntry.Status.FAILED, 0L),
                    byStatus.getOrDefault(JournalEntry.Status.SKIPPED, 0L),
                    percentile(durations, 50), percentile(durations, 95),
                    durations.isEmpty() ? null : durations.get(durations.size() - 1)));
        });
        stats.sort(Comparator.comparing(Stat::count).reversed());
        return stats;
    }

    /** Nearest-rank percentile of sorted values; null when there are none. */
    static Long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static JournalEntry.Status parseStatus(String status) {
        try {
            return JournalEntry.Status.valueOf(status.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("status", "must be one of started, success, failed, skipped");
        }
    }

    private static UUID parseUuid(String id) {
        try {
            return UUID.fromString(id.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("storyId", "must be a UUID");
        }
    }
}

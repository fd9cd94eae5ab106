package io.taleforge.commons.journal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Latency and failure figures of the journal over a time window, computed by the database
 * ({@code PERCENTILE_DISC … WITHIN GROUP … OVER}, which H2 and SQL Server both have): nearest-rank
 * percentiles of the finished calls' durations (success and failure; a skip took no time, a started
 * row has none), per provider, model and operation.
 */
@ApplicationScoped
public class JournalStats {

    /** The most buckets a series may ask for: one query each. */
    public static final int MAX_BUCKETS = 48;

    private static final String GROUP = "PARTITION BY provider, model, operation";
    private static final String FINISHED = "CASE WHEN status IN ('SUCCESS', 'FAILED') THEN duration_ms END";
    private static final String QUERY = """
            SELECT DISTINCT provider, model, operation,
                COUNT(*) OVER (%1$s),
                SUM(CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END) OVER (%1$s),
                SUM(CASE WHEN status = 'SKIPPED' THEN 1 ELSE 0 END) OVER (%1$s),
                PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY %2$s) OVER (%1$s),
                PERCENTILE_DISC(0.95) WITHIN GROUP (ORDER BY %2$s) OVER (%1$s),
                PERCENTILE_DISC(0.99) WITHIN GROUP (ORDER BY %2$s) OVER (%1$s),
                MAX(%2$s) OVER (%1$s)
            FROM api_journal
            WHERE created_at >= :from AND created_at < :to
            """.formatted(GROUP, FINISHED);

    /** One provider, model and operation over a window; the durations are null without finished calls. */
    public record Stat(String provider, String model, String operation, long count, long failures, long skipped,
            Long p50Ms, Long p95Ms, Long p99Ms, Long maxMs) {
    }

    /** The figures of one slice of a series, starting at {@code from}. */
    public record Bucket(Instant from, Instant to, List<Stat> stats) {
    }

    private final EntityManager em;

    public JournalStats(EntityManager em) {
        this.em = em;
    }

    /** Figures of the calls started in [from, to), busiest first. */
    public List<Stat> over(Instant from, Instant to) {
        List<?> rows = em.createNativeQuery(QUERY).setParameter("from", from).setParameter("to", to)
                .getResultList();
        List<Stat> stats = new ArrayList<>();
        for (Object row : rows) {
            stats.add(stat((Object[]) row));
        }
        stats.sort(Comparator.comparing(Stat::count).reversed()
                .thenComparing(s -> String.valueOf(s.operation())));
        return stats;
    }

    /** The window [from, to) cut into {@code buckets} equal slices, each with its figures. */
    public List<Bucket> series(Instant from, Instant to, int buckets) {
        Duration step = Duration.between(from, to).dividedBy(buckets);
        List<Bucket> series = new ArrayList<>();
        for (int i = 0; i < buckets; i++) {
            Instant start = from.plus(step.multipliedBy(i));
            Instant end = i == buckets - 1 ? to : start.plus(step);
            series.add(new Bucket(start, end, over(start, end)));
        }
        return series;
    }

    private static Stat stat(Object[] row) {
        return new Stat((String) row[0], (String) row[1], (String) row[2], number(row[3]), number(row[4]),
                number(row[5]), orNull(row[6]), orNull(row[7]), orNull(row[8]), orNull(row[9]));
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Long orNull(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}

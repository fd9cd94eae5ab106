package io.taleforge.commons.journal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Money spent per day, provider and model, summed by the database from the journal's priced rows
 * (those with an estimate): what the rate table expected and what the calls did cost.
 */
@ApplicationScoped
public class JournalSpend {

    private static final String QUERY = """
            SELECT CAST(created_at AS DATE), provider, model, COUNT(*), SUM(estimated_cost), SUM(actual_cost)
            FROM api_journal
            WHERE created_at >= :from AND created_at < :to AND estimated_cost IS NOT NULL
            GROUP BY CAST(created_at AS DATE), provider, model
            ORDER BY CAST(created_at AS DATE), provider, model
            """;

    /** One day (ISO date, UTC), provider and model: priced calls, their estimates and their actual cost in US dollars. */
    public record Spend(String day, String provider, String model, long calls, BigDecimal estimatedUsd,
            BigDecimal actualUsd) {
    }

    private final EntityManager em;

    public JournalSpend(EntityManager em) {
        this.em = em;
    }

    /** The spend of the calls started in [from, to), by day, provider and model. */
    public List<Spend> over(Instant from, Instant to) {
        List<?> rows = em.createNativeQuery(QUERY).setParameter("from", from).setParameter("to", to).getResultList();
        return rows.stream().map(r -> (Object[]) r).map(r -> new Spend(String.valueOf(r[0]), (String) r[1],
                (String) r[2], ((Number) r[3]).longValue(), decimal(r[4]), decimal(r[5]))).toList();
    }

    private static BigDecimal decimal(Object value) {
        return value == null ? null : new BigDecimal(value.toString());
    }
}

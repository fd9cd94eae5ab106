package io.taleforge.story.service;

import java.math.BigDecimal;

/**
 * A paid step refused before it starts: its {@code estimate} does not fit in what is {@code left}
 * under {@code limit} ({@code story-cap} or {@code daily-budget}), both in US dollars.
 */
public class BudgetExceeded extends RuntimeException {

    private final String limit;
    private final BigDecimal estimate;
    private final BigDecimal left;

    public BudgetExceeded(String limit, BigDecimal estimate, BigDecimal left) {
        super("the estimate of $%s exceeds the %s: $%s left".formatted(estimate.toPlainString(), limit,
                left.toPlainString()));
        this.limit = limit;
        this.estimate = estimate;
        this.left = left;
    }

    public String limit() {
        return limit;
    }

    public BigDecimal estimate() {
        return estimate;
    }

    public BigDecimal left() {
        return left;
    }
}

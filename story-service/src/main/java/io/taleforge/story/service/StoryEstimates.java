package io.taleforge.story.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.taleforge.commons.cost.RateTable;
import io.taleforge.contracts.Pictures;
import io.taleforge.story.config.StoryConfig;
import io.taleforge.story.model.Reservation;
import io.taleforge.story.model.Story;
import io.taleforge.story.provider.StoryWriter;

/**
 * What a story's paid steps are expected to cost, from the rate table: the writer's picture
 * descriptions (its token budget), the portrait, every scene's picture. An unpriced provider or
 * model throws {@link io.taleforge.commons.cost.UnpricedException} naming the table.
 */
@ApplicationScoped
public class StoryEstimates {

    private final RateTable rates;
    private final StoryConfig.Ledger config;
    private final String imageSize;
    private final StoryWriters writers;

    public StoryEstimates(RateTable rates, StoryConfig config, StoryWriters writers) {
        this.rates = rates;
        this.config = config.ledger();
        this.imageSize = config.prompts().imageSize();
        this.writers = writers;
    }

    /** One picture attempt with the image provider's model, quality and the story's size. */
    public BigDecimal picture() {
        return rates.image(config.imageProvider(), config.imageModel(), config.imageQuality(), imageSize);
    }

    /** The writer's picture descriptions at approval, within its configured token budget. */
    public BigDecimal writer() {
        return rates.tokens(writers.current().provider(), writers.current().model(),
                Map.of("input", config.writerInputTokens(), "output", config.writerOutputTokens()));
    }

    /** The writer's revision of a rejected picture's prompt, within its configured token budget. */
    public BigDecimal revision() {
        return rates.tokens(writers.current().provider(), writers.current().model(),
                Map.of("input", config.reviseInputTokens(), "output", config.reviseOutputTokens()));
    }

    /**
     * What one answer of {@code writer} cost by the tokens its provider reported ({@code input},
     * {@code output}), priced by the table; null when it reported none or the model is unpriced.
     */
    public BigDecimal writerCost(StoryWriter writer, Map<String, Long> tokens) {
        if (tokens.isEmpty()) {
            return null;
        }
        return rates.find(writer.provider(), writer.model()).flatMap(rate -> rate.tokens(tokens)).orElse(null);
    }

    /** What approving the scenes reserves: the writer, the portrait and the first attempt of every scene. */
    public List<Ledger.Item> approval(Story story) {
        BigDecimal picture = picture();
        List<Ledger.Item> items = new ArrayList<>();
        items.add(new Ledger.Item(Reservation.Purpose.WRITER, Pictures.PORTRAIT, StoryBudget.DESCRIPTIONS_ATTEMPT,
                writer()));
        items.add(new Ledger.Item(Reservation.Purpose.PICTURE, Pictures.PORTRAIT, 1, picture));
        story.scenes.forEach(s -> items.add(new Ledger.Item(Reservation.Purpose.PICTURE, s.number, 1, picture)));
        return items;
    }

    /** The sum of {@code items}. */
    public static BigDecimal total(List<Ledger.Item> items) {
        return items.stream().map(Ledger.Item::estimate).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}

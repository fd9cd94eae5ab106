package io.taleforge.image.service;

import java.math.BigDecimal;

import jakarta.enterprise.context.ApplicationScoped;

import io.taleforge.commons.cost.RateTable;
import io.taleforge.commons.cost.UnpricedException;
import io.taleforge.commons.journal.Journal;
import io.taleforge.commons.journal.JournalCall;
import io.taleforge.image.provider.GeneratedImage;
import io.taleforge.image.provider.ImageProvider;
import io.taleforge.image.provider.ImageProviders;
import io.taleforge.image.provider.ImageRequest;

/**
 * What an image call costs, from the rate table: the estimate before the call (its model, size and
 * quality) and the actual after it, from the tokens the provider reported when the table prices
 * them, else the estimate.
 */
@ApplicationScoped
public class ImageCosts {

    private final RateTable rates;
    private final ImageProvider provider;
    private final Journal journal;

    public ImageCosts(RateTable rates, ImageProviders providers, Journal journal) {
        this.rates = rates;
        this.journal = journal;
        this.provider = providers.selected();
    }

    /**
     * Opens the journal row of one call for {@code request}, carrying its expected cost; an unpriced
     * call is journaled SKIPPED with the reason instead.
     *
     * @throws UnpricedException no price in the table: the call must not be made
     */
    public JournalCall open(Journal.Subject subject, String step, String input, ImageRequest request) {
        return JournalCall.priced(journal, subject, step, input, () -> estimate(request));
    }

    /**
     * What {@code request} is expected to cost (US dollars), from the rate table.
     *
     * @throws UnpricedException no price in the table
     */
    public BigDecimal estimate(ImageRequest request) {
        return provider.estimate(rates, request);
    }

    /** The cost from the provider's reported usage when the table prices its tokens; null: the estimate stands. */
    public BigDecimal actual(GeneratedImage image) {
        if (image.usage().isEmpty()) {
            return null;
        }
        return rates.find(provider.name(), image.model()).flatMap(rate -> rate.tokens(image.usage())).orElse(null);
    }
}

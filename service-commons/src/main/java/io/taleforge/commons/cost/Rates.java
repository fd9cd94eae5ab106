package io.taleforge.commons.cost;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Produces the {@link RateTable} once, from {@link RatesConfig}: a table that cannot be read stops the start. */
@ApplicationScoped
public class Rates {

    @Produces
    @Singleton
    RateTable table(RatesConfig config) {
        return RateTable.load(config.file());
    }
}

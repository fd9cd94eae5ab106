package io.taleforge.commons.cost;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Where the price table comes from; shared by every service that calls a paid provider. */
@ConfigMapping(prefix = "taleforge.rates")
public interface RatesConfig {

    /** A rate table of the user's own (JSON, the shape of the shipped {@code rates.json}); unset: the shipped one. */
    Optional<String> file();
}

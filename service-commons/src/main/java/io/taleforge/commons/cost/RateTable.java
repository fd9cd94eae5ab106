package io.taleforge.commons.cost;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.taleforge.commons.config.TableFiles;

/**
 * The price table: one {@link Rate} per provider and model, read from {@code rates.json} on the
 * classpath or from a file of the user's ({@code TALEFORGE_RATES_FILE}). Every lookup that finds
 * no price throws {@link UnpricedException} naming the table, so a call is refused before it is made.
 */
public final class RateTable {

    public static final String RESOURCE = "rates.json";
    /** The model key that prices every model of a provider (the embedded ones). */
    static final String ANY_MODEL = "*";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;
    private final Map<String, Map<String, Rate>> providers;

    private RateTable(String source, Map<String, Map<String, Rate>> providers) {
        this.source = source;
        this.providers = providers;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Table(Map<String, Map<String, Rate>> providers) {
    }

    /** The table of {@code file}, else the classpath's; throws naming it when it cannot be read. */
    public static RateTable load(Optional<String> file) {
        String source = TableFiles.source(file, RESOURCE);
        try (InputStream in = TableFiles.open(file, RESOURCE)) {
            Table table = JSON.readValue(in, Table.class);
            if (table == null || table.providers() == null || table.providers().isEmpty()) {
                throw new IllegalStateException("the rate table (" + source + ") has no providers");
            }
            return new RateTable(source, table.providers());
        } catch (IOException e) {
            throw new IllegalStateException("the rate table (" + source + ") cannot be read: " + e.getMessage(), e);
        }
    }

    /** Where the table was read: {@code classpath rates.json} or {@code file <path>}. */
    public String source() {
        return source;
    }

    /** The row of {@code provider} and {@code model}, when there is one. */
    public Optional<Rate> find(String provider, String model) {
        Map<String, Rate> models = providers.get(provider);
        if (models == null) {
            return Optional.empty();
        }
        Rate rate = model == null ? null : models.get(model);
        return Optional.ofNullable(rate != null ? rate : models.get(ANY_MODEL));
    }

    /** The row of {@code provider} and {@code model}; {@link UnpricedException} naming the table when none. */
    public Rate rate(String provider, String model) {
        return find(provider, model).orElseThrow(() -> unpriced(provider, model, "no row"));
    }

    /** One image; {@link UnpricedException} when the model, quality or size has no price. */
    public BigDecimal image(String provider, String model, String quality, String size) {
        return rate(provider, model).image(quality, size)
                .orElseThrow(() -> unpriced(provider, model, "no image price for quality " + quality + " size " + size));
    }

    /** Tokens by kind; {@link UnpricedException} when a kind used has no price. */
    public BigDecimal tokens(String provider, String model, Map<String, Long> tokensByKind) {
        return rate(provider, model).tokens(tokensByKind)
                .orElseThrow(() -> unpriced(provider, model, "no token price for " + tokensByKind.keySet()));
    }

    /** {@code seconds} of video; {@link UnpricedException} when the model has no price per second. */
    public BigDecimal video(String provider, String model, BigDecimal seconds) {
        return rate(provider, model).video(seconds)
                .orElseThrow(() -> unpriced(provider, model, "no price per second of video"));
    }

    /** {@code characters} of narration; {@link UnpricedException} when the model has no price per character. */
    public BigDecimal speech(String provider, String model, long characters) {
        return rate(provider, model).speech(characters)
                .orElseThrow(() -> unpriced(provider, model, "no price per 1M characters of speech"));
    }

    public UnpricedException unpriced(String provider, String model, String what) {
        return new UnpricedException("no price for " + provider + "/" + model + " in the rate table (" + source
                + "): " + what + "; add it there (TALEFORGE_RATES_FILE) before calling the provider");
    }
}

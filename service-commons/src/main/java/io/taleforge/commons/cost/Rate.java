package io.taleforge.commons.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The price of one provider's model, a row of the {@link RateTable}. Every amount is US dollars
 * as {@link BigDecimal} with {@link #SCALE} decimals (micro-dollars), never a float.
 *
 * @param free the embedded providers: every call costs 0
 * @param tokensPerMillion per 1M tokens: {@code input}/{@code output} (chat), {@code textInput},
 *        {@code imageInput}, {@code imageOutput} (the GPT image models bill them apart)
 * @param imagesUsd one image by quality, then size
 * @param speechPerMillionChars narration, per 1M characters
 * @param videoPerSecond a clip, per second of video
 * @param usdPerUnit a provider's billing unit (Kling's {@code final_unit_deduction})
 * @param source where the figures come from
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Rate(boolean free, Map<String, BigDecimal> tokensPerMillion, Map<String, Map<String, BigDecimal>> imagesUsd,
        BigDecimal speechPerMillionChars, BigDecimal videoPerSecond, BigDecimal usdPerUnit, String source) {

    /** Micro-dollars: the precision of every amount. */
    public static final int SCALE = 6;
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    public Rate {
        tokensPerMillion = tokensPerMillion == null ? Map.of() : tokensPerMillion;
        imagesUsd = imagesUsd == null ? Map.of() : imagesUsd;
    }

    /** Zero at the house scale. */
    public static BigDecimal zero() {
        return BigDecimal.ZERO.setScale(SCALE);
    }

    /** One image of {@code quality} (null: the cheapest row's first quality) and {@code size}, when priced. */
    public Optional<BigDecimal> image(String quality, String size) {
        if (free) {
            return Optional.of(zero());
        }
        Map<String, BigDecimal> bySize = quality == null ? imagesUsd.values().stream().findFirst().orElse(null)
                : imagesUsd.get(quality);
        return Optional.ofNullable(bySize == null ? null : bySize.get(size)).map(Rate::scaled);
    }

    /**
     * Tokens billed per kind ({@code input}, {@code output}, {@code textInput}, …), priced per 1M;
     * empty when a kind with tokens has no price in the row.
     */
    public Optional<BigDecimal> tokens(Map<String, Long> tokensByKind) {
        if (free) {
            return Optional.of(zero());
        }
        BigDecimal total = BigDecimal.ZERO;
        for (Map.Entry<String, Long> kind : tokensByKind.entrySet()) {
            if (kind.getValue() == null || kind.getValue() == 0) {
                continue;
            }
            BigDecimal perMillion = tokensPerMillion.get(kind.getKey());
            if (perMillion == null) {
                return Optional.empty();
            }
            total = total.add(perMillion.multiply(BigDecimal.valueOf(kind.getValue())));
        }
        return Optional.of(total.divide(MILLION, SCALE, RoundingMode.HALF_UP));
    }

    /** {@code characters} of narration, when priced. */
    public Optional<BigDecimal> speech(long characters) {
        return free ? Optional.of(zero()) : Optional.ofNullable(speechPerMillionChars)
                .map(p -> p.multiply(BigDecimal.valueOf(characters)).divide(MILLION, SCALE, RoundingMode.HALF_UP));
    }

    /** {@code seconds} of video, when priced. */
    public Optional<BigDecimal> video(BigDecimal seconds) {
        return free ? Optional.of(zero()) : Optional.ofNullable(videoPerSecond).map(p -> scaled(p.multiply(seconds)));
    }

    /** {@code units} as billed by the provider, when priced. */
    public Optional<BigDecimal> units(BigDecimal units) {
        return free ? Optional.of(zero()) : Optional.ofNullable(usdPerUnit).map(p -> scaled(p.multiply(units)));
    }

    static BigDecimal scaled(BigDecimal amount) {
        return amount.setScale(SCALE, RoundingMode.HALF_UP);
    }
}

package io.taleforge.image.provider;

import java.math.BigDecimal;

import io.taleforge.commons.cost.RateTable;
import io.taleforge.commons.cost.UnpricedException;
import io.taleforge.commons.provider.ProviderException;
import io.taleforge.commons.provider.TransientProviderException;
import io.taleforge.commons.provider.RateLimitedException;
import io.taleforge.commons.provider.KeyRejectedException;
import io.taleforge.commons.provider.ContentPolicyException;

/**
 * The image provider port. Implementations make exactly one call per {@link #generate} (no
 * retries of their own: the caller applies the rate limiter, retries and the journal) and
 * report failures as {@link ProviderException} subtypes so the caller knows which are transient.
 */
public interface ImageProvider {

    /** The name selected by {@code taleforge.image.provider.name}, also the journal's provider. */
    String name();

    /** The model the journal and READY report. */
    String model();

    /**
     * What one {@link #generate} of {@code request} is expected to cost, from {@code rates}.
     *
     * @throws UnpricedException the model, size or quality has no price: the call must not be made
     */
    default BigDecimal estimate(RateTable rates, ImageRequest request) {
        return rates.image(name(), model(), null, request.size());
    }

    /**
     * Generates one image.
     *
     * @throws TransientProviderException a 5xx, a reset connection, an overloaded provider
     * @throws RateLimitedException a 429, with the provider's Retry-After
     * @throws ContentPolicyException the prompt was refused
     * @throws KeyRejectedException the credentials were refused (401/403): retrying cannot help
     */
    GeneratedImage generate(ImageRequest request) throws InterruptedException;
}

package io.taleforge.commons.cost;

import io.taleforge.commons.provider.RequestRejectedException;

/**
 * A call refused before it is made because its provider and model (or its size, quality or usage
 * kind) have no price in the {@link RateTable}: never a silent zero. Not retried.
 */
public class UnpricedException extends RequestRejectedException {

    public UnpricedException(String message) {
        super("unpriced", message);
    }
}

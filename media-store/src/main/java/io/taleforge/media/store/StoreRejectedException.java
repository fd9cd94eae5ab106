package io.taleforge.media.store;

import java.io.IOException;

/** The store refused the upload (bad request, credentials, unknown cloud): retrying cannot help. */
public class StoreRejectedException extends IOException {

    public StoreRejectedException(String message) {
        super(message);
    }
}

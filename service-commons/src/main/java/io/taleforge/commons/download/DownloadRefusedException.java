package io.taleforge.commons.download;

import java.io.IOException;

/** The download guard refused a URL, an address, a redirect or a body: not retried. */
public class DownloadRefusedException extends IOException {

    public DownloadRefusedException(String message) {
        super(message);
    }
}

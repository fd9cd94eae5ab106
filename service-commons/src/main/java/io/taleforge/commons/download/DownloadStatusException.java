package io.taleforge.commons.download;

import java.io.IOException;

/** The server answered a status that is not 2xx (nor a redirect, which is refused): a 404 means the link expired or never was. */
public class DownloadStatusException extends IOException {

    private final int status;

    public DownloadStatusException(int status) {
        super("download answered HTTP " + status);
        this.status = status;
    }

    public int status() {
        return status;
    }
}

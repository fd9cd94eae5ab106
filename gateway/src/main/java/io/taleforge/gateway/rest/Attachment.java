package io.taleforge.gateway.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** A download: the bytes with their media type, saved by the browser under a file name. */
final class Attachment {

    private Attachment() {
    }

    static Response of(byte[] body, String type, String fileName) {
        return Response.ok(body, type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"").build();
    }
}

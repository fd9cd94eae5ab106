package io.taleforge.story.provider.openai;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

/** Sends the key: {@code Authorization: Bearer <key>}, or Azure's {@code api-key: <key>}. */
final class KeyHeader implements ClientRequestFilter {

    private final String mode;
    private final String key;

    KeyHeader(String mode, String key) {
        this.mode = mode;
        this.key = key;
    }

    @Override
    public void filter(ClientRequestContext request) {
        if ("api-key".equals(mode)) {
            request.getHeaders().putSingle("api-key", key);
        } else {
            request.getHeaders().putSingle("Authorization", "Bearer " + key);
        }
    }

    @Override
    public String toString() {
        return "KeyHeader[" + mode + "]";
    }
}

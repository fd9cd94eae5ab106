package io.taleforge.gateway.service;

import jakarta.enterprise.context.RequestScoped;

/** The reader of the current request: filled by the reader filter before any resource runs. */
@RequestScoped
public class CurrentReader {

    private String token;
    private boolean issued;

    /** Sets the token; {@code issued} when the gateway minted it for this request (a new cookie). */
    public void set(String token, boolean issued) {
        this.token = token;
        this.issued = issued;
    }

    public String token() {
        if (token == null) {
            throw new IllegalStateException("the reader filter did not run for this request");
        }
        return token;
    }

    /** Hex SHA-256 of the token: the {@code X-Taleforge-Owner} sent to story-service. */
    public String owner() {
        return ReaderTokens.owner(token());
    }

    public boolean issued() {
        return issued;
    }
}

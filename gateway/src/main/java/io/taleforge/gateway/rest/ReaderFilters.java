package io.taleforge.gateway.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.quarkus.logging.Log;
import io.taleforge.commons.rest.ProblemException;
import io.taleforge.gateway.config.GatewayConfig;
import io.taleforge.gateway.service.CurrentReader;
import io.taleforge.gateway.service.ReaderTokens;

/**
 * Identifies the reader of every {@code /api} call: {@code Authorization: Bearer <token>} wins,
 * then the {@code taleforge_reader} cookie; with neither (or a cookie that is not a token) the
 * gateway mints a token and sets it as an HttpOnly, SameSite=Lax cookie on the answer.
 */
public class ReaderFilters {

    private static final String BEARER = "Bearer ";

    private final CurrentReader reader;
    private final GatewayConfig config;

    public ReaderFilters(CurrentReader reader, GatewayConfig config) {
        this.reader = reader;
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public void identify(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api")) {
            return;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            String token = authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    ? authorization.substring(BEARER.length()).trim() : null;
            if (!ReaderTokens.wellFormed(token)) {
                throw ProblemException.badRequest(HttpHeaders.AUTHORIZATION,
                        "must be 'Bearer <token>' with a token of 32 to 256 base64url characters");
            }
            reader.set(token, false);
            return;
        }
        Cookie cookie = request.getCookies().get(config.reader().cookieName());
        if (cookie != null && ReaderTokens.wellFormed(cookie.getValue())) {
            reader.set(cookie.getValue(), false);
            return;
        }
        reader.set(ReaderTokens.newToken(), true);
        Log.debugf("reader token issued for %s", request.getUriInfo().getPath());
    }

    @ServerResponseFilter
    public void issueCookie(ContainerRequestContext request, ContainerResponseContext response) {
        if (!request.getUriInfo().getPath().startsWith("/api") || !readerIssued()) {
            return;
        }
        GatewayConfig.Reader settings = config.reader();
        NewCookie cookie = new NewCookie.Builder(settings.cookieName())
                .value(reader.token())
                .path("/")
                .httpOnly(true)
                .secure(settings.secureCookie())
                .sameSite(NewCookie.SameSite.LAX)
                .maxAge((int) settings.cookieMaxAge().toSeconds())
                .build();
        response.getHeaders().add(HttpHeaders.SET_COOKIE, cookie);
    }

    private boolean readerIssued() {
        try {
            return reader.issued();
        } catch (RuntimeException e) {
            return false;
        }
    }
}

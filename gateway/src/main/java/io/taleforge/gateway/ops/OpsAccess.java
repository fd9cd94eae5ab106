package io.taleforge.gateway.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.logging.Log;
import io.taleforge.commons.rest.Problem;
import io.taleforge.gateway.config.GatewayConfig;

/**
 * Only the operator reaches {@code /ops}: the configured token as {@code Authorization: Bearer},
 * as the operator cookie, or once as {@code ?token=} (which the page trades for the cookie).
 * Anything else, a reader's token included, is a 401 problem naming {@code Authorization}.
 */
public class OpsAccess {

    static final String TOKEN_PARAMETER = "token";
    private static final String BEARER = "Bearer ";

    private final GatewayConfig config;

    public OpsAccess(GatewayConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> operatorOnly(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.equals("/ops") && !path.startsWith("/ops/")) {
            return Optional.empty();
        }
        Optional<String> expected = config.ops().token().filter(token -> !token.isBlank());
        if (expected.isPresent() && presented(request).stream().anyMatch(token -> same(token, expected.get()))) {
            return Optional.empty();
        }
        Log.infof("operations page refused path=%s configured=%s", path, expected.isPresent());
        Problem problem = Problem.of(401, "unauthorized", "The operator token is required",
                "the operations page needs the operator token", List.of(new Problem.FieldError(
                        HttpHeaders.AUTHORIZATION, "must be 'Bearer <operator token>'")));
        return Optional.of(Response.status(401).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"taleforge-ops\"").entity(problem).build());
    }

    private List<String> presented(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Cookie cookie = request.getCookies().get(config.ops().cookieName());
        String query = request.getUriInfo().getQueryParameters().getFirst(TOKEN_PARAMETER);
        return Stream.of(
                authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                        ? authorization.substring(BEARER.length()).trim() : null,
                cookie == null ? null : cookie.getValue(), query).filter(t -> t != null && !t.isBlank()).toList();
    }

    private static boolean same(String presented, String expected) {
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }
}

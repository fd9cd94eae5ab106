package io.taleforge.gateway.rest;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import io.taleforge.commons.rest.Problem;

/**
 * Rules about a request's body, applied before it is read and before any resource: a body
 * announced larger than {@code quarkus.http.limits.max-body-size} (64K) is a 413 problem (Quarkus
 * enforces the limit on its own, but with an empty answer); a POST or PUT under {@code /api} that
 * carries a body without a {@code Content-Type} is a 415 problem naming {@code Content-Type}
 * (Quarkus would read it as JSON anyway).
 */
@ApplicationScoped
public class BodyRules {

    private final ObjectMapper json;

    public BodyRules(ObjectMapper json) {
        this.json = json;
    }

    void install(@Observes Router router) {
        long limit = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class)
                .map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && tooLong(length, limit)) {
                refuse(ctx, Problem.of(413, "body-too-large", "The request body is too large",
                        "at most " + limit + " bytes are accepted", List.of(new Problem.FieldError("body", "is too large"))));
            } else if (untypedBody(ctx.request())) {
                refuse(ctx, Problem.of(415, "unsupported-media-type", "The body has no content type",
                        "send the body as application/json", List.of(new Problem.FieldError("Content-Type",
                                "is required with a body and must be application/json"))));
            } else {
                ctx.next();
            }
        });
    }

    private static boolean tooLong(String length, long limit) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A POST or PUT to the API with a body (a length above 0, or chunked) and no content type. */
    private static boolean untypedBody(HttpServerRequest request) {
        boolean write = request.method() == HttpMethod.POST || request.method() == HttpMethod.PUT;
        if (!write || !request.path().startsWith("/api/")) {
            return false;
        }
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type != null && !type.isBlank()) {
            return false;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null
                || (length != null && !length.trim().equals("0"));
    }

    private void refuse(RoutingContext ctx, Problem problem) {
        ctx.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(ProblemJson.write(json, problem));
    }
}

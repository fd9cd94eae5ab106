package io.taleforge.gateway.rest;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

import io.taleforge.commons.rest.Problem;

/**
 * Refuses a body announced larger than {@code quarkus.http.limits.max-body-size} (64K) with a
 * 413 problem before it is read. Quarkus enforces the same limit on its own, but answers with an
 * empty body; this filter only makes the common case (a Content-Length) speak problem+json.
 */
@ApplicationScoped
public class BodyLimitFilter {

    private final ObjectMapper json;

    public BodyLimitFilter(ObjectMapper json) {
        this.json = json;
    }

    void install(@Observes Router router) {
        long limit = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class)
                .map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && tooLong(length, limit)) {
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(body(limit));
                return;
            }
            ctx.next();
        });
    }

    private static boolean tooLong(String length, long limit) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String body(long limit) {
        Problem problem = Problem.of(413, "body-too-large", "The request body is too large",
                "at most " + limit + " bytes are accepted", List.of(new Problem.FieldError("body", "is too large")));
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.taleforge.gateway.rest;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 7807 problem detail, served as {@code application/problem+json}: the same shape the
 * services answer with (the gateway does not use service-commons, so it has its own copy).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://taleforge.io/problems/";

    /** One wrong field and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    public static Problem of(int status, String slug, String title, String detail, List<FieldError> errors) {
        return new Problem(URI.create(TYPE_BASE + slug), title, status, detail, null, errors);
    }
}

package io.taleforge.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.taleforge.commons.rest.Problem;

/** A problem as the JSON text of an answer written below JAX-RS (by a Vert.x route). */
final class ProblemJson {

    private ProblemJson() {
    }

    static String write(ObjectMapper json, Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

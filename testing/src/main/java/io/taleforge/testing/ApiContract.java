package io.taleforge.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

/**
 * A request/response pair checked against an OpenAPI document (the gateway's own, as it serves
 * it): the path and method exist, parameters and bodies fit their schemas, the status is
 * documented and the answer's body fits it. Failures are kept, so a test that drives many routes
 * asserts once at the end that there were none.
 */
public final class ApiContract {

    /** One exchange as seen on the wire (bodies as text, null when there is none). */
    public record Exchange(String method, String pathAndQuery, Map<String, String> requestHeaders, String requestBody,
            int status, Map<String, String> responseHeaders, String responseBody) {
    }

    private final OpenApiInteractionValidator validator;
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<String> checked = Collections.synchronizedList(new ArrayList<>());

    private ApiContract(OpenApiInteractionValidator validator) {
        this.validator = validator;
    }

    /** The contract of {@code document} (OpenAPI JSON or YAML text). */
    public static ApiContract of(String document) {
        return new ApiContract(OpenApiInteractionValidator.createForInlineApiSpecification(document).build());
    }

    /** Checks one exchange, request and answer; returns its error messages (also kept in {@link #failures()}). */
    public List<String> check(Exchange exchange) {
        return check(exchange, true);
    }

    /**
     * Checks only the answer of an exchange whose request was wrong on purpose (the refusal must
     * still be documented, with its body's schema).
     */
    public List<String> checkAnswer(Exchange exchange) {
        return check(exchange, false);
    }

    private List<String> check(Exchange exchange, boolean withRequest) {
        String[] parts = exchange.pathAndQuery().split("\\?", 2);
        SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(exchange.method()), parts[0]);
        if (parts.length == 2) {
            for (String pair : parts[1].split("&")) {
                String[] kv = pair.split("=", 2);
                request.withQueryParam(kv[0], kv.length == 2 ? kv[1] : "");
            }
        }
        exchange.requestHeaders().forEach(request::withHeader);
        if (exchange.requestBody() != null) {
            request.withBody(exchange.requestBody());
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(exchange.status());
        exchange.responseHeaders().forEach(response::withHeader);
        if (exchange.responseBody() != null && !exchange.responseBody().isEmpty()) {
            response.withBody(exchange.responseBody());
        }
        ValidationReport report = withRequest ? validator.validate(request.build(), response.build())
                : validator.validateResponse(parts[0], Request.Method.valueOf(exchange.method()), response.build());
        String name = exchange.method() + " " + parts[0] + " → " + exchange.status();
        checked.add(name);
        List<String> errors = report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> name + ": " + m.getKey() + " " + m.getMessage())
                .toList();
        failures.addAll(errors);
        return errors;
    }

    /** Every error found so far. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** Every exchange checked so far, as "METHOD path → status". */
    public List<String> checked() {
        return List.copyOf(checked);
    }
}

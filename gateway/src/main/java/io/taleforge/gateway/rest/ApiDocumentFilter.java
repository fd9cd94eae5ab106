package io.taleforge.gateway.rest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import io.taleforge.commons.rest.Problem;

/**
 * The answers the gateway gives by rule rather than per route, written into the OpenAPI document
 * by the same rule, each a shared problem+json answer in {@code components.responses}: every {@code /api} route may answer 400 (a parameter, {@code Authorization})
 * and 503 (a service down); every route about a story 404; every POST and PUT 413 (over 64K) and
 * 415 (a body without a JSON content type). Path parameters are typed ({@code id} a UUID,
 * {@code n} a scene number); {@code /media} needs no reader token, and no route needs one on the
 * first call (the gateway issues it).
 */
public class ApiDocumentFilter implements OASFilter {

    /** A problem answer every route of a kind shares, under its name in {@code components.responses}. */
    record Shared(String name, String status, String description) {
    }

    static final Shared BAD_REQUEST = new Shared("BadRequest", "400",
            "A parameter, header or body field is not valid; `errors` names each one");
    static final Shared NOT_FOUND = new Shared("NotFound", "404", "No such story, or not the caller's (the same answer)");
    static final Shared CONFLICT = new Shared(ApiDefinition.CONFLICT, "409",
            "Not possible in the story's current state; `errors` names the field");
    static final Shared TOO_LARGE = new Shared("PayloadTooLarge", "413", "The body is over 64K");
    static final Shared UNSUPPORTED = new Shared("UnsupportedMediaType", "415",
            "A body without a Content-Type, or not application/json");
    static final Shared UNAVAILABLE = new Shared("ServiceUnavailable", "503",
            "A service behind the gateway does not answer; try again after `Retry-After` seconds");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        for (Shared shared : List.of(BAD_REQUEST, NOT_FOUND, CONFLICT, TOO_LARGE, UNSUPPORTED, UNAVAILABLE)) {
            openAPI.getComponents().addResponse(shared.name(), problem(shared));
        }
        // a first call without a token is fine: the gateway issues one (as the cookie) with its answer
        openAPI.addSecurityRequirement(OASFactory.createSecurityRequirement());
        if (openAPI.getComponents() != null && openAPI.getComponents().getSchemas() != null) {
            Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
            schemas.values().forEach(schema -> inlineNullableRefs(schema, schemas));
        }
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach(this::ruled);
        dropUnused(openAPI);
    }

    /** Drops the schemas nothing refers to any more (those only used as nullable properties, now inlined). */
    private static void dropUnused(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        Set<String> used = new HashSet<>();
        Deque<Schema> todo = new ArrayDeque<>();
        openAPI.getComponents().getResponses().values().forEach(r -> contentSchemas(r.getContent(), todo));
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                operation.getResponses().getAPIResponses().values().forEach(r -> contentSchemas(r.getContent(), todo));
                if (operation.getRequestBody() != null) {
                    contentSchemas(operation.getRequestBody().getContent(), todo);
                }
            }
        }
        while (!todo.isEmpty()) {
            Schema schema = todo.pop();
            String name = schema.getRef() == null ? null : schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1);
            if (name != null && used.add(name) && schemas.containsKey(name)) {
                todo.push(schemas.get(name));
            }
            Stream.of(schema.getProperties() == null ? List.<Schema>of() : schema.getProperties().values(),
                    schema.getAllOf(), schema.getAnyOf(), schema.getOneOf(),
                    Arrays.asList(schema.getItems(), schema.getAdditionalPropertiesSchema()))
                    .filter(Objects::nonNull).flatMap(Collection::stream).filter(Objects::nonNull).forEach(todo::push);
        }
        schemas.keySet().stream().filter(name -> !used.contains(name)).toList()
                .forEach(openAPI.getComponents()::removeSchema);
    }

    private static void contentSchemas(Content content, Deque<Schema> todo) {
        if (content != null && content.getMediaTypes() != null) {
            content.getMediaTypes().values().stream().map(MediaType::getSchema).filter(Objects::nonNull).forEach(todo::push);
        }
    }

    private void ruled(String path, PathItem item) {
        for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.getOperations().entrySet()) {
            Operation operation = entry.getValue();
            PathItem.HttpMethod method = entry.getKey();
            add(operation, BAD_REQUEST);
            add(operation, UNAVAILABLE);
            if (path.contains("{id}")) {
                add(operation, NOT_FOUND);
            }
            if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT) {
                add(operation, TOO_LARGE);
                add(operation, UNSUPPORTED);
            }
            if (path.startsWith("/media")) {
                operation.setSecurity(new ArrayList<>());
            }
            typed(operation.getParameters(), path.endsWith("/approval") || path.endsWith("/retry"));
        }
    }

    /** Adds the shared answer, also in place of one without a body (Quarkus's own bare "400 Bad Request"). */
    private static void add(Operation operation, Shared shared) {
        APIResponse present = operation.getResponses().getAPIResponse(shared.status());
        if (present == null || present.getRef() == null && present.getContent() == null) {
            operation.getResponses().addAPIResponse(shared.status(), OASFactory.createAPIResponse().ref(shared.name()));
        }
    }

    /** A problem+json answer (503 with {@code Retry-After}). */
    private static APIResponse problem(Shared shared) {
        APIResponse response = OASFactory.createAPIResponse().description(shared.description())
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref("Problem"))));
        if (shared == UNAVAILABLE) {
            response.addHeader("Retry-After", OASFactory.createHeader().description("seconds to wait")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
        }
        return response;
    }

    /**
     * A nullable property that refers to another schema becomes a nullable copy of that schema:
     * in OpenAPI 3.0 {@code nullable} does not reach into {@code allOf}, so a strict validator
     * would refuse the {@code null} the gateway really sends (an image not drawn yet, no film).
     */
    private static void inlineNullableRefs(Schema schema, Map<String, Schema> schemas) {
        if (schema.getProperties() == null) {
            return;
        }
        for (Map.Entry<String, Schema> property : Map.copyOf(schema.getProperties()).entrySet()) {
            String ref = nullableRef(property.getValue());
            Schema target = ref == null ? null : schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
            if (target != null) {
                Schema copy = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).addType(Schema.SchemaType.NULL)
                        .description(property.getValue().getDescription() != null ? property.getValue().getDescription()
                                : target.getDescription())
                        .properties(target.getProperties() == null ? null : new LinkedHashMap<>(target.getProperties()))
                        .required(target.getRequired());
                inlineNullableRefs(copy, schemas);
                schema.addProperty(property.getKey(), copy);
            }
        }
    }

    /** The reference of a "that schema, or null" property; null for any other property. */
    private static String nullableRef(Schema property) {
        boolean nullable = property.getType() != null && property.getType().contains(Schema.SchemaType.NULL);
        List<Schema> parts = property.getAllOf() != null ? property.getAllOf()
                : property.getAnyOf() != null ? property.getAnyOf() : property.getOneOf();
        String ref = null;
        for (Schema part : parts == null ? List.<Schema>of() : parts) {
            if (part.getRef() != null) {
                ref = part.getRef();
            } else if (List.of(Schema.SchemaType.NULL).equals(part.getType())) {
                nullable = true;
            } else {
                return null;
            }
        }
        return nullable ? ref : null;
    }

    /** Path parameters typed; {@code picture}: {@code n} names a picture (0, the hero's portrait, to 20), not a scene. */
    private static void typed(List<Parameter> parameters, boolean picture) {
        if (parameters == null) {
            return;
        }
        for (Parameter parameter : parameters) {
            if (parameter.getIn() != Parameter.In.PATH) {
                continue;
            }
            switch (parameter.getName()) {
                case "id" -> parameter.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uuid")
                        .description("a story id (a UUID)"));
                case "n" -> parameter.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                        .minimum(picture ? java.math.BigDecimal.ZERO : java.math.BigDecimal.ONE)
                        .maximum(java.math.BigDecimal.valueOf(20))
                        .description(picture ? "a picture: 0 the hero's portrait, 1 to 20 a scene" : "a scene number"));
                default -> { }
            }
        }
    }
}

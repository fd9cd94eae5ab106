package io.taleforge.gateway.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * The answers the gateway gives by rule rather than per route, written into the OpenAPI document
 * by the same rule: every {@code /api} route may answer 400 (a parameter, {@code Authorization})
 * and 503 (a service down); every route about a story 404; every POST and PUT 413 (over 64K) and
 * 415 (a body without a JSON content type). Path parameters are typed ({@code id} a UUID,
 * {@code n} a scene number); {@code /media} needs no reader token, and no route needs one on the
 * first call (the gateway issues it).
 */
public class ApiDocumentFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
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
    }

    private void ruled(String path, PathItem item) {
        for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.getOperations().entrySet()) {
            Operation operation = entry.getValue();
            PathItem.HttpMethod method = entry.getKey();
            add(operation, "400", ApiDefinition.BAD_REQUEST);
            add(operation, "503", ApiDefinition.UNAVAILABLE);
            if (path.contains("{id}")) {
                add(operation, "404", ApiDefinition.NOT_FOUND);
            }
            if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT) {
                add(operation, "413", ApiDefinition.TOO_LARGE);
                add(operation, "415", ApiDefinition.UNSUPPORTED);
            }
            if (path.startsWith("/media")) {
                operation.setSecurity(new ArrayList<>());
            }
            typed(operation.getParameters());
        }
    }

    /** Adds the shared answer, also in place of one without a body (Quarkus's own bare "400 Bad Request"). */
    private static void add(Operation operation, String status, String name) {
        APIResponse present = operation.getResponses().getAPIResponse(status);
        if (present == null || present.getRef() == null && present.getContent() == null) {
            operation.getResponses().addAPIResponse(status,
                    OASFactory.createAPIResponse().ref(name));
        }
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

    private static void typed(List<Parameter> parameters) {
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
                        .minimum(java.math.BigDecimal.ONE).maximum(java.math.BigDecimal.valueOf(20))
                        .description("a scene number"));
                default -> { }
            }
        }
    }
}

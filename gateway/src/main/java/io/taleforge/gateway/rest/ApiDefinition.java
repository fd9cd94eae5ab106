package io.taleforge.gateway.rest;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;

/**
 * The OpenAPI document's frame: what the API is, and the reader token as a security scheme
 * (cookie or bearer). The problem answers every route shares, and which route answers which,
 * are {@link ApiDocumentFilter}'s; route-specific answers are on the resources.
 */
@OpenAPIDefinition(
        info = @Info(title = "Taleforge API", version = "1",
                description = "Turn a quiz into a 20-scene illustrated story, approve its pictures, make its film. "
                        + "Every error is an RFC 7807 problem (application/problem+json) naming the wrong field.",
                license = @License(name = "Proprietary")),
        servers = @Server(url = "/", description = "this gateway"),
        security = { @SecurityRequirement(name = ApiDefinition.COOKIE), @SecurityRequirement(name = ApiDefinition.BEARER) },
        components = @Components(securitySchemes = {
            @SecurityScheme(securitySchemeName = ApiDefinition.COOKIE, type = SecuritySchemeType.APIKEY,
                    in = SecuritySchemeIn.COOKIE, apiKeyName = "taleforge_reader",
                    description = "The reader token as the gateway sets it on the first /api call without one "
                            + "(HttpOnly, SameSite=Lax)"),
            @SecurityScheme(securitySchemeName = ApiDefinition.BEARER, type = SecuritySchemeType.HTTP,
                    scheme = "bearer", description = "The reader token for API clients: "
                            + "`Authorization: Bearer <token>` (32 to 256 base64url characters; wins over the cookie)"),
        }))
public class ApiDefinition extends Application {

    public static final String COOKIE = "readerCookie";
    public static final String BEARER = "readerBearer";
    /** The name of the shared 409 answer, for the routes a story's state can refuse. */
    public static final String CONFLICT = "Conflict";
}

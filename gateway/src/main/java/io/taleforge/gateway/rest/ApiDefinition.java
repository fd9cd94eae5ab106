package io.taleforge.gateway.rest;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;

import io.taleforge.commons.rest.Problem;

/**
 * The OpenAPI document's frame: the reader token as a security scheme (cookie or bearer), and the
 * problem answers every route shares, by name. Which route answers which of them is
 * {@link ApiDocumentFilter}'s rule; route-specific answers are on the resources.
 */
@OpenAPIDefinition(
        info = @Info(title = "Taleforge API", version = "1",
                description = "Turn a quiz into a 20-scene illustrated story, approve its pictures, make its film. "
                        + "Every error is an RFC 7807 problem (application/problem+json) naming the wrong field.",
                license = @License(name = "Proprietary", identifier = "LicenseRef-Taleforge")),
        servers = @Server(url = "/", description = "this gateway"),
        security = { @SecurityRequirement(name = ApiDefinition.COOKIE), @SecurityRequirement(name = ApiDefinition.BEARER) },
        components = @Components(
                securitySchemes = {
                    @SecurityScheme(securitySchemeName = ApiDefinition.COOKIE, type = SecuritySchemeType.APIKEY,
                            in = SecuritySchemeIn.COOKIE, apiKeyName = "taleforge_reader",
                            description = "The reader token as the gateway sets it on the first /api call without one "
                                    + "(HttpOnly, SameSite=Lax)"),
                    @SecurityScheme(securitySchemeName = ApiDefinition.BEARER, type = SecuritySchemeType.HTTP,
                            scheme = "bearer", description = "The reader token for API clients: "
                                    + "`Authorization: Bearer <token>` (32 to 256 base64url characters; wins over the cookie)"),
                },
                responses = {
                    @APIResponse(name = ApiDefinition.BAD_REQUEST, responseCode = "400",
                            description = "A parameter, header or body field is not valid; `errors` names each one",
                            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = ApiDefinition.NOT_FOUND, responseCode = "404",
                            description = "No such story, or not the caller's (the same answer)",
                            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = ApiDefinition.CONFLICT, responseCode = "409",
                            description = "Not possible in the story's current state; `errors` names the field",
                            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = ApiDefinition.TOO_LARGE, responseCode = "413",
                            description = "The body is over 64K",
                            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = ApiDefinition.UNSUPPORTED, responseCode = "415",
                            description = "A body without a Content-Type, or not application/json",
                            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = ApiDefinition.UNAVAILABLE, responseCode = "503",
                            description = "A service behind the gateway does not answer; try again after `Retry-After`",
                            headers = @Header(name = "Retry-After", description = "seconds to wait",
                                    schema = @Schema(implementation = Integer.class)),
                            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                }))
public class ApiDefinition extends Application {

    public static final String COOKIE = "readerCookie";
    public static final String BEARER = "readerBearer";
    public static final String BAD_REQUEST = "BadRequest";
    public static final String NOT_FOUND = "NotFound";
    public static final String CONFLICT = "Conflict";
    public static final String TOO_LARGE = "PayloadTooLarge";
    public static final String UNSUPPORTED = "UnsupportedMediaType";
    public static final String UNAVAILABLE = "ServiceUnavailable";
}

package io.taleforge.gateway.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.taleforge.gateway.config.GatewayConfig;

/**
 * The operations page and its files, served only past {@link OpsAccess} (they are not static
 * resources, which no filter would guard). {@code /ops?token=…} trades the token for the
 * operator cookie and comes back to {@code /ops} without it in the address.
 */
@Path("/ops")
public class OpsPageResource {

    /** The files of the page, by name; the charting library is Chart.js 4.6.1 (MIT), vendored from npm. */
    static final Map<String, String> FILES = Map.of(
            "ops.js", "text/javascript; charset=utf-8",
            "ops.css", "text/css; charset=utf-8",
            "chart-4.6.1.umd.min.js", "text/javascript; charset=utf-8");

    private final GatewayConfig config;

    public OpsPageResource(GatewayConfig config) {
        this.config = config;
    }

    @GET
    @Operation(hidden = true)
    public Response page(@QueryParam(OpsAccess.TOKEN_PARAMETER) String token) {
        if (token != null && !token.isBlank()) {
            NewCookie cookie = new NewCookie.Builder(config.ops().cookieName()).value(token).path("/ops")
                    .httpOnly(true).secure(config.reader().secureCookie()).sameSite(NewCookie.SameSite.STRICT)
                    .maxAge((int) config.ops().cookieMaxAge().toSeconds()).build();
            return Response.seeOther(URI.create("/ops")).cookie(cookie).build();
        }
        return file("ops.html", "text/html; charset=utf-8");
    }

    @GET
    @Path("/files/{name}")
    @Operation(hidden = true)
    public Response asset(@PathParam("name") String name) {
        String type = FILES.get(name);
        if (type == null) {
            throw new NotFoundException();
        }
        return file(name, type);
    }

    private static Response file(String name, String type) {
        String resource = name.startsWith("chart-") ? "ops/vendor/" + name : "ops/" + name;
        try (InputStream in = OpsPageResource.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new NotFoundException();
            }
            return Response.ok(in.readAllBytes(), type).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

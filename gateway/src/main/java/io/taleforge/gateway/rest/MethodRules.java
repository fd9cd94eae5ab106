package io.taleforge.gateway.rest;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import io.taleforge.commons.rest.Problem;

/**
 * The methods each route really has, from the resources' own annotations: {@code OPTIONS} answers
 * 204 with exactly those in {@code Allow}, and any other method on an existing route is a 405
 * problem carrying {@code Allow} (Quarkus's own 405 has neither, and its OPTIONS lists more); OPTIONS
 * on no route under {@code /api} is a 404 problem.
 */
@ApplicationScoped
public class MethodRules {

    private static final Pattern PARAMETER = Pattern.compile("\\{\\s*\\w+\\s*(?::\\s*((?:[^{}]|\\{[^{}]*})+))?}");

    /** One resource method's path as a regular expression, with its HTTP method. */
    record Route(Pattern path, String method) {
    }

    private final ObjectMapper json;
    private final List<Route> routes = new ArrayList<>();

    public MethodRules(ObjectMapper json) {
        this.json = json;
    }

    void install(@Observes Router router, BeanManager beans) {
        beans.getBeans(Object.class, Any.Literal.INSTANCE).stream()
                .map(bean -> bean.getBeanClass())
                .filter(type -> type.isAnnotationPresent(Path.class))
                .distinct()
                .forEach(this::collect);
        Log.debugf("method rules for %d resource methods", routes.size());
        router.route().order(Integer.MIN_VALUE + 1).handler(this::check);
    }

    private void collect(Class<?> resource) {
        String base = resource.getAnnotation(Path.class).value();
        for (Method method : resource.getMethods()) {
            String verb = verb(method);
            if (verb != null) {
                Path path = method.getAnnotation(Path.class);
                routes.add(new Route(regex(join(base, path == null ? "" : path.value())), verb));
            }
        }
    }

    private void check(RoutingContext ctx) {
        Set<String> allowed = allowed(ctx.normalizedPath());
        String method = ctx.request().method().name();
        if (allowed.isEmpty() && "OPTIONS".equals(method) && ctx.normalizedPath().startsWith("/api/")) {
            answer(ctx, Problem.of(404, "not-found", "Not Found", "no route " + ctx.normalizedPath(), List.of()), null);
            return;
        }
        if (allowed.isEmpty() || allowed.contains(method) && !"OPTIONS".equals(method)) {
            ctx.next();
            return;
        }
        String allow = String.join(", ", allowed);
        if ("OPTIONS".equals(method)) {
            ctx.response().setStatusCode(204).putHeader(HttpHeaders.ALLOW, allow).end();
            return;
        }
        answer(ctx, Problem.of(405, "method-not-allowed", "Method Not Allowed",
                method + " is not a method of this route; it has " + allow, List.of()), allow);
    }

    private void answer(RoutingContext ctx, Problem problem, String allow) {
        if (allow != null) {
            ctx.response().putHeader(HttpHeaders.ALLOW, allow);
        }
        ctx.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(ProblemJson.write(json, problem));
    }

    /** The methods of every route whose path matches, with HEAD beside GET and OPTIONS; empty when none matches. */
    Set<String> allowed(String path) {
        Set<String> methods = new TreeSet<>();
        for (Route route : routes) {
            if (route.path().matcher(path).matches()) {
                methods.add(route.method());
            }
        }
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        if (!methods.isEmpty()) {
            methods.add("OPTIONS");
        }
        return methods;
    }

    private static String verb(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static String join(String base, String path) {
        String joined = ("/" + base + "/" + path).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    /** {@code /api/stories/{id}} → {@code /api/stories/[^/]+}; a parameter's own regex ({@code {key: .+}}) is kept. */
    static Pattern regex(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher parameter = PARAMETER.matcher(template);
        int last = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(template.substring(last, parameter.start())));
            regex.append(parameter.group(1) == null ? "[^/]+" : "(?:" + parameter.group(1).trim() + ")");
            last = parameter.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return Pattern.compile(regex + "/?");
    }
}

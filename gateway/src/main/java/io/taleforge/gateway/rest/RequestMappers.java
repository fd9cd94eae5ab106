package io.taleforge.gateway.rest;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.taleforge.commons.rest.Problem;
import io.taleforge.commons.rest.ProblemMappers;

/**
 * Requests that do not fit their request record or constraints, as a 400 problem. Bean Validation
 * failures name each wrong field as the caller sent it: the path, query or header parameter's own
 * name ({@code id}, {@code n}, {@code Last-Event-ID}), or the property of a request body
 * ({@code action}, {@code text}). A body of the wrong JSON shape (an array, a number for a text)
 * is answered like unreadable JSON, naming its path; Quarkus would otherwise answer it with its
 * own non-problem body.
 */
public class RequestMappers {

    private final ProblemMappers problems = new ProblemMappers();

    @ServerExceptionMapper(priority = Priorities.USER - 1)
    public Response invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(field(v), v.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are not valid";
        Problem problem = Problem.of(400, "invalid-request", "The request is not valid", detail, errors);
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    @ServerExceptionMapper(priority = Priorities.USER - 1)
    public Response wrongShape(MismatchedInputException e) {
        return problems.unreadableJson(e);
    }

    static String field(ConstraintViolation<?> v) {
        List<Path.Node> nodes = new ArrayList<>();
        v.getPropertyPath().forEach(nodes::add);
        if (nodes.size() > 2) { // method, body parameter, then the property of the body
            return String.join(".", nodes.subList(2, nodes.size()).stream().map(Path.Node::getName).toList());
        }
        if (nodes.size() == 2 && nodes.get(0) instanceof Path.MethodNode method
                && nodes.get(1) instanceof Path.ParameterNode parameter) {
            return wireName(v.getRootBeanClass(), method, parameter);
        }
        return nodes.isEmpty() ? "body" : nodes.get(nodes.size() - 1).getName();
    }

    /** The name in the request: the JAX-RS annotation's value, else the parameter's own name. */
    private static String wireName(Class<?> resource, Path.MethodNode method, Path.ParameterNode parameter) {
        Class<?>[] types = method.getParameterTypes().toArray(Class<?>[]::new);
        for (Class<?> type = resource; type != null && type != Object.class; type = type.getSuperclass()) {
            try {
                Method declared = type.getDeclaredMethod(method.getName(), types);
                Parameter p = declared.getParameters()[parameter.getParameterIndex()];
                if (p.isAnnotationPresent(PathParam.class)) {
                    return p.getAnnotation(PathParam.class).value();
                }
                if (p.isAnnotationPresent(QueryParam.class)) {
                    return p.getAnnotation(QueryParam.class).value();
                }
                if (p.isAnnotationPresent(HeaderParam.class)) {
                    return p.getAnnotation(HeaderParam.class).value();
                }
            } catch (NoSuchMethodException e) {
                // declared further up
            }
        }
        return parameter.getName().startsWith("arg") ? "body" : parameter.getName();
    }
}

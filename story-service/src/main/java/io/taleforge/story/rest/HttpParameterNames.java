package io.taleforge.story.rest;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ParameterNameProvider;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/**
 * Names a resource method's parameters in Bean Validation's violations as the client sent them:
 * a header, path or query parameter by its HTTP name ({@code X-Taleforge-Owner}, {@code n},
 * {@code limit}), the request body {@code body}. Quarkus hands this bean to its validator factory.
 */
@ApplicationScoped
public class HttpParameterNames implements ParameterNameProvider {

    public static final String BODY = "body";

    @Override
    public List<String> getParameterNames(Constructor<?> constructor) {
        return names(constructor);
    }

    @Override
    public List<String> getParameterNames(java.lang.reflect.Method method) {
        return names(method);
    }

    private static List<String> names(Executable executable) {
        return Arrays.stream(executable.getParameters()).map(HttpParameterNames::name).toList();
    }

    private static String name(Parameter parameter) {
        if (parameter.isAnnotationPresent(HeaderParam.class)) {
            return parameter.getAnnotation(HeaderParam.class).value();
        }
        if (parameter.isAnnotationPresent(PathParam.class)) {
            return parameter.getAnnotation(PathParam.class).value();
        }
        if (parameter.isAnnotationPresent(QueryParam.class)) {
            return parameter.getAnnotation(QueryParam.class).value();
        }
        return BODY;
    }
}

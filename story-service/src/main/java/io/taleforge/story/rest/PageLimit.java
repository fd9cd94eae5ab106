package io.taleforge.story.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import io.taleforge.story.config.StoryConfig;

/** A page size: absent (the default), or a whole number from 1 to {@code taleforge.story.paging.max-limit}. */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PageLimit.Check.class)
public @interface PageLimit {

    String message() default "is not a page size";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Reads the largest page from the configuration. */
    @ApplicationScoped
    class Check implements ConstraintValidator<PageLimit, String> {

        /** Looked up when validating: Hibernate Validator builds its checks before the configuration is ready. */
        private final Instance<StoryConfig> config;

        public Check(Instance<StoryConfig> config) {
            this.config = config;
        }

        @Override
        public boolean isValid(String limit, ConstraintValidatorContext context) {
            if (limit == null || limit.isBlank()) {
                return true;
            }
            String problem = problem(limit.strip(), config.get().paging().maxLimit());
            if (problem == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
            return false;
        }

        private static String problem(String limit, int max) {
            int size;
            try {
                size = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                return "must be a whole number";
            }
            return size < 1 || size > max ? "must be between 1 and " + max : null;
        }
    }
}

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

/** A scene text, stripped, is at most {@code taleforge.story.writer.max-scene-length} characters. */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = SceneTextLength.Check.class)
public @interface SceneTextLength {

    String message() default "is too long";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Reads the limit from the configuration; null passes (required-ness is another constraint's). */
    @ApplicationScoped
    class Check implements ConstraintValidator<SceneTextLength, String> {

        /** Looked up when validating: Hibernate Validator builds its checks before the configuration is ready. */
        private final Instance<StoryConfig> config;

        public Check(Instance<StoryConfig> config) {
            this.config = config;
        }

        @Override
        public boolean isValid(String text, ConstraintValidatorContext context) {
            int max = config.get().writer().maxSceneLength();
            if (text == null || text.strip().codePoints().count() <= max) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("must be at most %d characters".formatted(max))
                    .addConstraintViolation();
            return false;
        }
    }
}

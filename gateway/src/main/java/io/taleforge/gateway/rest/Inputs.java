package io.taleforge.gateway.rest;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Map;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.taleforge.gateway.service.StreamId;

/**
 * The shapes of what callers send, as Bean Validation constraints: each failure is a 400 problem
 * naming the field as the caller sent it ({@link RequestMappers}).
 */
public final class Inputs {

    private Inputs() {
    }

    /** A story id: a UUID. */
    @Pattern(regexp = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
    @ReportAsSingleViolation
    @Constraint(validatedBy = {})
    @Target({ PARAMETER, FIELD, RECORD_COMPONENT })
    @Retention(RUNTIME)
    public @interface StoryId {
        String message() default "must be a story id (a UUID)";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** A scene number, 1 to 20. */
    @Pattern(regexp = "[1-9]|1[0-9]|20")
    @ReportAsSingleViolation
    @Constraint(validatedBy = {})
    @Target({ PARAMETER, FIELD, RECORD_COMPONENT })
    @Retention(RUNTIME)
    public @interface SceneNumber {
        String message() default "must be a scene number from 1 to 20";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** A picture's number: 0 (the hero's portrait) or a scene, 1 to 20. */
    @Pattern(regexp = "[0-9]|1[0-9]|20")
    @ReportAsSingleViolation
    @Constraint(validatedBy = {})
    @Target({ PARAMETER, FIELD, RECORD_COMPONENT })
    @Retention(RUNTIME)
    public @interface PictureNumber {
        String message() default "must be a picture number: 0 (the hero's portrait) or a scene from 1 to 20";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** A page size, 1 to 100 (as text, so {@code limit=abc} is this 400 too, not a 404). */
    @Pattern(regexp = "[1-9][0-9]?|100")
    @ReportAsSingleViolation
    @Constraint(validatedBy = {})
    @Target({ PARAMETER, FIELD, RECORD_COMPONENT })
    @Retention(RUNTIME)
    public @interface Limit {
        String message() default "must be from 1 to 100";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** A media key: path segments of letters, digits, '.', '_' and '-', no '..', at most 512 characters. */
    @Pattern(regexp = "(?!.*\\.\\.)[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*")
    @Size(max = 512)
    @ReportAsSingleViolation
    @Constraint(validatedBy = {})
    @Target({ PARAMETER, FIELD, RECORD_COMPONENT })
    @Retention(RUNTIME)
    public @interface MediaKey {
        String message() default "must be a media key as found in an image url";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** An event id as this stream sends it ({@code <ms>-<seq>}, each below 2^64); blank means none. */
    @Constraint(validatedBy = EventId.Check.class)
    @Target({ PARAMETER, FIELD, RECORD_COMPONENT })
    @Retention(RUNTIME)
    public @interface EventId {
        String message() default "must be an event id as sent by this stream (<ms>-<seq>, each below 2^64)";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        class Check implements ConstraintValidator<EventId, String> {
            @Override
            public boolean isValid(String value, ConstraintValidatorContext context) {
                return value == null || value.isBlank() || StreamId.parse(value.trim()).isPresent();
            }
        }
    }

    /**
     * Text that UTF-8 can carry: no lone UTF-16 surrogate (a JSON {@code "\ud800"} escape), which
     * would be stored as "?". On a map of answers, the violation names the answer
     * ({@code answers.hero_name}).
     */
    @Constraint(validatedBy = { WellFormed.Text.class, WellFormed.Answers.class })
    @Target({ PARAMETER, FIELD, RECORD_COMPONENT })
    @Retention(RUNTIME)
    public @interface WellFormed {
        String message() default "must not contain a lone UTF-16 surrogate (not a character)";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        class Text implements ConstraintValidator<WellFormed, String> {
            @Override
            public boolean isValid(String value, ConstraintValidatorContext context) {
                return wellFormed(value);
            }
        }

        class Answers implements ConstraintValidator<WellFormed, Map<String, String>> {
            @Override
            public boolean isValid(Map<String, String> answers, ConstraintValidatorContext context) {
                if (answers == null) {
                    return true;
                }
                boolean valid = true;
                for (Map.Entry<String, String> answer : answers.entrySet()) {
                    if (!wellFormed(answer.getValue()) || !wellFormed(answer.getKey())) {
                        valid = false;
                        context.disableDefaultConstraintViolation();
                        context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                                .addPropertyNode(answer.getKey()).addConstraintViolation();
                    }
                }
                return valid;
            }
        }
    }

    /** True when every surrogate in {@code text} is half of a pair (null is well formed). */
    static boolean wellFormed(String text) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}

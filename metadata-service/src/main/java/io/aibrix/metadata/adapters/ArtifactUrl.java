package io.aibrix.metadata.adapters;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** Where an adapter's weights are: see {@link ArtifactUrls}. {@code null} is valid; pair with {@code @NotNull}. */
@Documented
@Constraint(validatedBy = ArtifactUrl.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@interface ArtifactUrl {

    String message() default ArtifactUrls.MESSAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Bean Validation glue around {@link ArtifactUrls#isValid}. */
    final class Validator implements ConstraintValidator<ArtifactUrl, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || ArtifactUrls.isValid(value);
        }
    }
}

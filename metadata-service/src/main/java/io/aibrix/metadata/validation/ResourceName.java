package io.aibrix.metadata.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;

/**
 * A model, adapter, user or engine name: a valid Kubernetes label value (1-63 letters, digits, '.', '_' or '-',
 * starting and ending with a letter or digit), because names travel as the {@code model.aibrix.ai/name} pod label
 * and in URL paths. {@code null} is valid; combine with {@code @NotNull} where the name is required.
 */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = ResourceName.PATTERN)
@ReportAsSingleViolation
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
        ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface ResourceName {

    String PATTERN = "[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?";

    String message() default "must be 1-63 letters, digits, '.', '_' or '-', starting and ending with a letter or"
            + " digit";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}

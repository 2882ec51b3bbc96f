package io.aibrix.batch.validation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of batch input files ({@code batch.validation.*}).
 *
 * @param maxLines    most request lines in one batch (OpenAI: 50,000)
 * @param maxLineSize longest accepted line, which bounds the validator's and the executor's memory per line
 */
@ConfigurationProperties("batch.validation")
@Validated
record ValidationProperties(
        @Min(1) @Max(1_000_000) @DefaultValue("50000") int maxLines,
        @NotNull @DefaultValue("10MB") DataSize maxLineSize) {

    ValidationProperties {
        if (maxLineSize != null && (maxLineSize.toBytes() < 1 || maxLineSize.toBytes() > Integer.MAX_VALUE - 8)) {
            throw new IllegalArgumentException("batch.validation.max-line-size must be between 1B and 2GB, was "
                    + maxLineSize);
        }
    }
}

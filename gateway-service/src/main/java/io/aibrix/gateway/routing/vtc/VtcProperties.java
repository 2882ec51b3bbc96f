package io.aibrix.gateway.routing.vtc;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The {@code vtc-basic} strategy ({@code gateway.routing.vtc.*}).
 *
 * @param window                 how far back a user's tokens count
 * @param windowBuckets          the window moves in steps of {@code window / windowBuckets}
 * @param inputWeight            weight of one prompt token in a user's counter (the paper's w_p)
 * @param outputWeight           weight of one completion token (the paper's w_q; decode costs more per token)
 * @param fairnessWeight         weight of the fairness term of the score
 * @param utilisationWeight      weight of the utilisation term of the score
 * @param defaultOutputTokens    completion tokens expected from a request without {@code max_tokens}, until its usage
 *                               is known
 * @param maxOutputEstimate      cap on the expected completion tokens taken from {@code max_tokens}
 * @param forgetUnfinishedAfter  a routed request never reported finished stops counting as in flight after this
 */
@Validated
@ConfigurationProperties("gateway.routing.vtc")
record VtcProperties(
        @DurationMin(seconds = 1) @DefaultValue("60s") Duration window,
        @Min(1) @Max(3600) @DefaultValue("12") int windowBuckets,
        @Min(0) @Max(1000) @DefaultValue("1") int inputWeight,
        @Min(0) @Max(1000) @DefaultValue("2") int outputWeight,
        @DecimalMin("0") @DefaultValue("1.0") double fairnessWeight,
        @DecimalMin("0") @DefaultValue("1.0") double utilisationWeight,
        @Min(0) @DefaultValue("256") int defaultOutputTokens,
        @Min(0) @DefaultValue("1024") int maxOutputEstimate,
        @DurationMin(seconds = 1) @DefaultValue("10m") Duration forgetUnfinishedAfter) {

    VtcProperties {
        if (window.toMillis() / windowBuckets < 1) {
            throw new IllegalArgumentException("gateway.routing.vtc.window / window-buckets must be at least 1ms, got "
                    + window + " / " + windowBuckets);
        }
        if (inputWeight + outputWeight == 0) {
            throw new IllegalArgumentException("gateway.routing.vtc input-weight and output-weight are both 0");
        }
        if (!(fairnessWeight + utilisationWeight > 0) || Double.isInfinite(fairnessWeight + utilisationWeight)) {
            throw new IllegalArgumentException(
                    "gateway.routing.vtc fairness-weight and utilisation-weight must be finite and not both 0");
        }
    }

    /** The defaults, for tests and plain-Java use. */
    static VtcProperties defaults() {
        return new VtcProperties(Duration.ofSeconds(60), 12, 1, 2, 1.0, 1.0, 256, 1024, Duration.ofMinutes(10));
    }
}

package io.aibrix.gateway.pd;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The {@code pd} strategy ({@code gateway.routing.pd.*}).
 *
 * @param prefillTimeout            limit on one prefill call, from sending it to its whole response; past it the
 *                                  request falls back to a plain request on a decode engine
 * @param prefixWeight              weight of the uncached share of the prompt (0..1) in a prefill engine's score, against
 *                                  its load share (0..1); 10 is AIBrix's 0.1 per percentage point of prefix match
 * @param loadStddevFactor          prefill engines whose load exceeds the mean by more than this many standard
 *                                  deviations (and the least loaded engine's by more than one request) are skipped,
 *                                  however much of the prompt they hold
 * @param prefillImbalanceThreshold when the prefill engines' loads differ by more than this, the least loaded one takes
 *                                  the prefill (AIBrix's fast path)
 * @param decodeImbalanceThreshold  when the decode engines' loads differ by at least this, the least loaded one takes the
 *                                  decode (AIBrix's fast path)
 */
@Validated
@ConfigurationProperties("gateway.routing.pd")
record PdProperties(
        @DurationMin(millis = 1) @DefaultValue("30s") Duration prefillTimeout,
        @DecimalMin("0") @DefaultValue("10") double prefixWeight,
        @DecimalMin("0") @DefaultValue("1") double loadStddevFactor,
        @Min(1) @DefaultValue("16") int prefillImbalanceThreshold,
        @Min(1) @DefaultValue("16") int decodeImbalanceThreshold) {

    PdProperties {
        if (!Double.isFinite(prefixWeight) || !Double.isFinite(loadStddevFactor)) {
            throw new IllegalArgumentException("gateway.routing.pd prefix-weight and load-stddev-factor must be finite");
        }
    }

    /** The defaults, for tests and plain-Java use. */
    static PdProperties defaults() {
        return new PdProperties(Duration.ofSeconds(30), 10, 1, 16, 16);
    }
}

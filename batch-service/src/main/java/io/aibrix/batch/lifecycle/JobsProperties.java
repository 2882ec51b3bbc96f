package io.aibrix.batch.lifecycle;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The job pool that runs batches on this node ({@code batch.jobs.*}).
 *
 * @param enabled      whether this node runs batches at all (an API-only replica sets false)
 * @param poolSize     batches run at once on this node
 * @param pollInterval how often the node looks for batches to take, and how often a running batch checks for a cancel
 */
@ConfigurationProperties("batch.jobs")
@Validated
record JobsProperties(
        @DefaultValue("true") boolean enabled,
        @Min(1) @Max(100) @DefaultValue("10") int poolSize,
        @NotNull @DefaultValue("1s") Duration pollInterval) {
}

package io.aibrix.gateway.routing.kvaware;

import jakarta.validation.constraints.DecimalMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The {@code kv-aware} cost ({@code gateway.routing.kv-aware.*}):
 * {@code cost = overlapWeight × prefill blocks + requestLoadBlocks × load}, lowest wins.
 *
 * @param overlapWeight     weight of one prompt block the engine still has to prefill (Dynamo's
 *                          {@code overlap_score_weight}); higher favours cache hits (TTFT), lower favours balance
 * @param requestLoadBlocks KV blocks one running or queued request on the engine is charged as; 16 blocks = 256
 *                          tokens, the same exchange rate as {@code prefix-cache}'s {@code in-flight-cost-tokens}, so a
 *                          cached 3,000-token prefix outweighs about 12 requests of load
 */
@Validated
@ConfigurationProperties("gateway.routing.kv-aware")
record KvAwareProperties(
        @DecimalMin("0.0") @DefaultValue("1.0") double overlapWeight,
        @DecimalMin("0.0") @DefaultValue("16") double requestLoadBlocks) {
}

package io.aibrix.gateway.routing.prefix;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Prompt hashing, the prefix index and the load guard ({@code gateway.routing.prefix-cache.*}); shared by
 * {@code prefix-cache} and {@code prefix-cache-preble}, each of which keeps its own index.
 *
 * @param tokenizer          {@code characters} or {@code engine} (the engine's token IDs, characters when absent)
 * @param characterBlockSize characters per block; 64 is about one 16-token engine block of English text at 4
 *                           characters per token, so a 3,000-token prompt is ~190 blocks: fine enough that a prefix is
 *                           matched to within one engine block, coarse enough that a walk stays a few hundred lookups
 * @param tokenBlockSize     token IDs per block in {@code engine} mode; must equal the engines' KV block size
 * @param hashSeed           seeds every hash (with the model name); replicas that share an index must agree on it
 * @param idleTtl            a pod's claim on a block is forgotten after this long without a request routed with it
 * @param maxBlocks          blocks the index holds; the least recently used go first
 * @param imbalanceThreshold in-flight requests a pod may run above the least-loaded pod before it can be skipped
 * @param stddevFactor       k: a pod is skipped only when also above mean + k·stddev of the in-flight counts
 * @param kvUsageCeiling     a pod whose engine reports a higher KV-cache usage (fraction) is skipped while another
 *                           has room; 1 turns this off
 * @param inFlightCostTokens uncached prompt tokens one in-flight request is worth when a cached prefix on a busier pod
 *                           is weighed against a less busy pod ({@code prefix-cache} only)
 */
@Validated
@ConfigurationProperties("gateway.routing.prefix-cache")
record PrefixCacheProperties(
        @NotNull @DefaultValue("characters") PrefixTokenizer tokenizer,
        @Min(1) @Max(65536) @DefaultValue("64") int characterBlockSize,
        @Min(1) @Max(4096) @DefaultValue("16") int tokenBlockSize,
        @DefaultValue("0") long hashSeed,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("10m") Duration idleTtl,
        @Min(64) @DefaultValue("200000") int maxBlocks,
        @Min(0) @DefaultValue("8") int imbalanceThreshold,
        @DecimalMin("0.0") @DefaultValue("1.0") double stddevFactor,
        @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.9") double kvUsageCeiling,
        @DecimalMin("0.0") @DefaultValue("256") double inFlightCostTokens) {
}

package io.aibrix.gateway.routing.kvaware;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
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
 * @param decodingRequestShare the share of {@code requestLoadBlocks} a request already producing tokens is charged:
 *                          a new prefill queues behind requests still prefilling, but only shares its steps with
 *                          decoding ones. 0.5 measured best in the routing benchmark: at 1.0 a multi-turn
 *                          conversation left its engine when that engine ran two more streaming requests
 * @param trackPending      count the blocks of requests this gateway routed as held by their engine until the
 *                          engine reports them, so a new prefix's followers join its first prefill instead of
 *                          scattering
 * @param pendingGrace      how long a request's blocks stay pending after it ends. 0 by default: an engine cannot
 *                          evict the blocks of a running request, and it reports them stored when their prefill ends,
 *                          long before the request does; raise it for engines that publish events in delayed batches
 * @param pendingMaxAge     a request still unfinished after this long no longer holds its blocks
 */
@Validated
@ConfigurationProperties("gateway.routing.kv-aware")
record KvAwareProperties(
        @DecimalMin("0.0") @DefaultValue("1.0") double overlapWeight,
        @DecimalMin("0.0") @DefaultValue("16") double requestLoadBlocks,
        @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.5") double decodingRequestShare,
        @DefaultValue("true") boolean trackPending,
        @DefaultValue("0s") Duration pendingGrace,
        @DefaultValue("10m") Duration pendingMaxAge) {

    KvAwareProperties {
        if (pendingGrace.isNegative()) {
            throw new IllegalArgumentException("gateway.routing.kv-aware.pending-grace must not be negative, was "
                    + pendingGrace);
        }
        if (!pendingMaxAge.isPositive()) {
            throw new IllegalArgumentException("gateway.routing.kv-aware.pending-max-age must be positive, was "
                    + pendingMaxAge);
        }
    }
}

package io.aibrix.gateway.routing.kvaware;

import io.aibrix.gateway.kvevents.PrefixOverlap;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code kv-aware}'s meters:
 * <ul>
 * <li>{@code gateway.routing.kv-aware.decisions{outcome}}: {@code hit} (the chosen engine held part of the prompt),
 * {@code miss}, {@code feed_unknown} (the chosen engine's feed was not live), {@code no_prompt_tokens} (the engine
 * tokenizer failed: load only);</li>
 * <li>{@code gateway.routing.kv-aware.overlap}: per decision with token IDs and a live feed, the share of the
 * prompt's matchable blocks the chosen engine held (0..1);</li>
 * <li>{@code gateway.routing.fallbacks{strategy="kv-aware", reason}}: the routing-wide fallback counter, for
 * {@code no_prompt_tokens} and {@code feed_unknown}.</li>
 * </ul>
 */
final class KvAwareMeters {

    private final Counter hit;
    private final Counter miss;
    private final Counter feedUnknown;
    private final Counter noPromptTokens;
    private final Counter feedUnknownFallback;
    private final Counter noPromptTokensFallback;
    private final DistributionSummary overlap;

    KvAwareMeters(MeterRegistry registry) {
        hit = decisions(registry, "hit");
        miss = decisions(registry, "miss");
        feedUnknown = decisions(registry, "feed_unknown");
        noPromptTokens = decisions(registry, "no_prompt_tokens");
        feedUnknownFallback = fallbacks(registry, "feed_unknown");
        noPromptTokensFallback = fallbacks(registry, "no_prompt_tokens");
        overlap = DistributionSummary.builder("gateway.routing.kv-aware.overlap")
                .description("Share of the prompt's blocks the engine chosen by kv-aware routing held in its cache")
                .register(registry);
    }

    void decided(PrefixOverlap chosen) {
        (chosen.cachedBlocks() > 0 ? hit : miss).increment();
        if (chosen.matchableBlocks() > 0) {
            overlap.record(chosen.ratio());
        }
    }

    void feedUnknown() {
        feedUnknown.increment();
        feedUnknownFallback.increment();
    }

    void noPromptTokens() {
        noPromptTokens.increment();
        noPromptTokensFallback.increment();
    }

    private static Counter decisions(MeterRegistry registry, String outcome) {
        return Counter.builder("gateway.routing.kv-aware.decisions")
                .description("kv-aware routing decisions by what was known about the chosen engine's cache")
                .tag("outcome", outcome)
                .register(registry);
    }

    private static Counter fallbacks(MeterRegistry registry, String reason) {
        return Counter.builder("gateway.routing.fallbacks")
                .description("Routing decisions made by a fallback rule because the strategy's own signal was missing")
                .tag("strategy", KvAwareRoutingStrategy.NAME)
                .tag("reason", reason)
                .register(registry);
    }
}

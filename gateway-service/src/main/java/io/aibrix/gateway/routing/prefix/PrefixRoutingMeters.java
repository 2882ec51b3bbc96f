package io.aibrix.gateway.routing.prefix;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One prefix strategy's meters, all tagged {@code strategy}:
 * <ul>
 * <li>{@code gateway.routing.prefix.decisions{match}}: decisions by the share of the prompt the chosen pod held, in
 * percent buckets {@code 0}, {@code 1-25}, {@code 26-50}, {@code 51-75}, {@code 76-100} (AIBrix's buckets);</li>
 * <li>{@code gateway.routing.prefix.selections{reason}}: {@code prefix_match}, {@code load_guard}, {@code no_match};</li>
 * <li>{@code gateway.routing.prefix.prompts{tokenizer}}: prompts hashed from {@code engine} token IDs or from
 * {@code characters} (in {@code engine} mode the latter counts tokenizer fallbacks);</li>
 * <li>{@code gateway.routing.prefix.index.blocks}: blocks in the strategy's index.</li>
 * </ul>
 */
final class PrefixRoutingMeters {

    private static final String[] BUCKETS = {"0", "1-25", "26-50", "51-75", "76-100"};

    private final Counter[] decisions = new Counter[BUCKETS.length];
    private final Map<PrefixMatches.SelectionReason, Counter> selections =
            new EnumMap<>(PrefixMatches.SelectionReason.class);
    private final Counter engineTokens;
    private final Counter characters;

    PrefixRoutingMeters(MeterRegistry registry, String strategy, PrefixIndex index) {
        for (int i = 0; i < BUCKETS.length; i++) {
            decisions[i] = Counter.builder("gateway.routing.prefix.decisions")
                    .description("Prefix-aware routing decisions by the percentage of the prompt the chosen pod held")
                    .tag("strategy", strategy)
                    .tag("match", BUCKETS[i])
                    .register(registry);
        }
        for (PrefixMatches.SelectionReason reason : PrefixMatches.SelectionReason.values()) {
            selections.put(reason, Counter.builder("gateway.routing.prefix.selections")
                    .description("Prefix-aware routing decisions by why the chosen pod won")
                    .tag("strategy", strategy)
                    .tag("reason", reason.tag())
                    .register(registry));
        }
        engineTokens = prompts(registry, strategy, "engine");
        characters = prompts(registry, strategy, "characters");
        Gauge.builder("gateway.routing.prefix.index.blocks", index, PrefixIndex::size)
                .description("Prompt blocks in the strategy's prefix index")
                .tag("strategy", strategy)
                .register(registry);
    }

    void decided(PrefixMatches matches, int chosen) {
        double covered = matches.blocks().coveredFraction(matches.matched()[chosen]);
        decisions[bucket(covered)].increment();
        selections.get(matches.reason(chosen)).increment();
        (matches.blocks().tokenIds() ? engineTokens : characters).increment();
    }

    /** 0 for nothing, then quarters of the prompt by rounded percentage. */
    static int bucket(double covered) {
        long percent = Math.round(covered * 100);
        if (percent <= 0) {
            return 0;
        }
        return (int) Math.min(4, (percent + 24) / 25);
    }

    private static Counter prompts(MeterRegistry registry, String strategy, String tokenizer) {
        return Counter.builder("gateway.routing.prefix.prompts")
                .description("Prompts hashed for prefix-aware routing, by what they were cut into")
                .tag("strategy", strategy)
                .tag("tokenizer", tokenizer)
                .register(registry);
    }
}

package io.aibrix.gateway.kvevents;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * The feeds' meters:
 * <ul>
 * <li>{@code gateway.kv-events.feed.up{endpoint}}: 1 while the engine's feed is live (its blocks count), else 0;</li>
 * <li>{@code gateway.kv-events.feed.blocks{endpoint}}: blocks the engine caches according to its feed;</li>
 * <li>{@code gateway.kv-events.feeds{state}}: engines per feed state ({@code connecting}, {@code live}, {@code down},
 * {@code disabled});</li>
 * <li>{@code gateway.kv-events.events{type}}: lines applied: {@code block_stored}, {@code block_removed},
 * {@code all_blocks_cleared}, {@code snapshot} (one per snapshot line);</li>
 * <li>{@code gateway.kv-events.disconnects{reason}}: streams lost: {@code ended}, {@code silent}, {@code resync},
 * {@code status}, {@code error} (connection refused or reset, malformed or oversized line);</li>
 * <li>{@code gateway.kv-events.resyncs{reason}}: copies dropped for a fresh snapshot: {@code gap}, {@code restart},
 * {@code protocol};</li>
 * <li>{@code gateway.kv-events.index.blocks}: distinct blocks cached anywhere.</li>
 * </ul>
 */
final class KvEventsMeters {

    private static final String[] TYPES = {"block_stored", "block_removed", "all_blocks_cleared", "snapshot"};
    private static final String[] REASONS = {"ended", "silent", "resync", "status", "error"};

    private final MultiGauge up;
    private final MultiGauge blocks;
    private final Map<String, Counter> events = new HashMap<>();
    private final Map<String, Counter> disconnects = new HashMap<>();
    private final Map<ResyncException.Reason, Counter> resyncs = new EnumMap<>(ResyncException.Reason.class);

    private final MeterRegistry registry;

    KvEventsMeters(MeterRegistry registry, KvBlockIndex index) {
        this.registry = registry;
        up = MultiGauge.builder("gateway.kv-events.feed.up")
                .description("1 while the engine's KV event feed is live and its cached blocks count for routing")
                .register(registry);
        blocks = MultiGauge.builder("gateway.kv-events.feed.blocks")
                .description("Blocks the engine caches according to its KV event feed")
                .register(registry);
        for (String type : TYPES) {
            events.put(type, Counter.builder("gateway.kv-events.events")
                    .description("KV event feed lines applied to the block index")
                    .tag("type", type)
                    .register(registry));
        }
        for (String reason : REASONS) {
            disconnects.put(reason, Counter.builder("gateway.kv-events.disconnects")
                    .description("KV event streams lost, by why")
                    .tag("reason", reason)
                    .register(registry));
        }
        for (ResyncException.Reason reason : ResyncException.Reason.values()) {
            resyncs.put(reason, Counter.builder("gateway.kv-events.resyncs")
                    .description("Engines whose block copy was dropped for a fresh snapshot, by why")
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
        Gauge.builder("gateway.kv-events.index.blocks", index, KvBlockIndex::size)
                .description("Distinct KV blocks cached on any engine according to the feeds")
                .register(registry);
    }

    /** Counts engines by feed state from {@code feeds}, a live view of the feeds. */
    void watch(Collection<EngineFeed> feeds) {
        for (FeedState state : FeedState.values()) {
            Gauge.builder("gateway.kv-events.feeds", feeds, all -> count(all, state))
                    .description("Engines by the state of their KV event feed")
                    .tag("state", state.tag())
                    .register(registry);
        }
    }

    /** Replaces the per-engine rows with one per feed. */
    void track(Collection<EngineFeed> feeds) {
        List<MultiGauge.Row<?>> upRows = new ArrayList<>(feeds.size());
        List<MultiGauge.Row<?>> blockRows = new ArrayList<>(feeds.size());
        for (EngineFeed feed : feeds) {
            Tags tags = Tags.of("endpoint", feed.address());
            upRows.add(MultiGauge.Row.of(tags, feed, f -> f.state() == FeedState.LIVE ? 1 : 0));
            blockRows.add(MultiGauge.Row.of(tags, feed, EngineFeed::cachedBlocks));
        }
        up.register(upRows, true);
        blocks.register(blockRows, true);
    }

    void applied(FeedLine line) {
        String type = switch (line) {
            case FeedLine.BlockStored stored -> "block_stored";
            case FeedLine.BlockRemoved removed -> "block_removed";
            case FeedLine.AllBlocksCleared cleared -> "all_blocks_cleared";
            case FeedLine.Snapshot snapshot -> "snapshot";
            case FeedLine.Heartbeat heartbeat -> null;
        };
        if (type != null) {
            events.get(type).increment();
        }
    }

    void disconnected(String reason) {
        disconnects.get(reason).increment();
    }

    void resynced(ResyncException.Reason reason) {
        resyncs.get(reason).increment();
    }

    private static long count(Collection<EngineFeed> feeds, FeedState state) {
        return feeds.stream().filter(feed -> feed.state() == state).count();
    }
}

package io.aibrix.gateway.kvevents;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.aibrix.gateway.kvevents.KvIndexFixture.MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link EngineFeed} against a local engine that streams scripted lines, so it can fall silent or restart
 * on cue.
 */
class EngineFeedIntegrationTests {

    private static final Duration STALE_AFTER = Duration.ofMillis(400);

    /** One 16-token block's ids. */
    private static final String TOKENS = "[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16]";

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final KvBlockIndex index = new KvBlockIndex();
    private final KvEventsMeters meters = new KvEventsMeters(registry, index);
    private final FeedClient client = new FeedClient(Duration.ofSeconds(1), 1 << 20, null);
    private final int[] prompt = concatTokens();
    private ScriptedFeedEngine engine;
    private EngineFeed feed;

    @AfterEach
    void stop() {
        if (feed != null) {
            feed.stop();
        }
        client.close();
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void goesLiveOnASnapshotAndResumesAfterTheLastEventWhenTheStreamFallsSilent() {
        engine = new ScriptedFeedEngine("e1")
                .thenSilent(snapshot("e1", 5, "{\"block_hash\":11,\"parent_block_hash\":null,\"token_ids\":"
                        + TOKENS + ",\"lora_name\":null}"), stored("e1", 6, 12, 11L), heartbeat("e1", 6))
                .thenEnds(removed("e1", 7, 12), heartbeat("e1", 7));
        feed = start(engine);

        await().atMost(Duration.ofSeconds(5)).until(() -> feed.state() == FeedState.LIVE);
        assertThat(index.overlap(MODEL, prompt, address()).cachedBlocks()).isEqualTo(2);

        await().atMost(Duration.ofSeconds(5)).until(() -> engine.queries().size() >= 2);
        assertThat(engine.queries()).startsWith("", "from=7&engine_id=e1");
        assertThat(registry.get("gateway.kv-events.disconnects").tag("reason", "silent").counter().count())
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> index.cachedBlocks(address()) == 1 && registry.get("gateway.kv-events.events")
                        .tag("type", "block_removed").counter().count() == 1);
    }

    @Test
    void marksTheEngineUnknownWhileItsStreamIsDown() {
        engine = new ScriptedFeedEngine("e1")
                .thenEnds(snapshot("e1", 5, "{\"block_hash\":11,\"parent_block_hash\":null,\"token_ids\":"
                        + TOKENS + ",\"lora_name\":null}"));
        feed = start(engine);

        await().atMost(Duration.ofSeconds(5)).until(() -> engine.queries().size() >= 2);

        assertThat(feed.state()).isEqualTo(FeedState.DOWN);
        assertThat(index.overlap(MODEL, prompt, address())).isEqualTo(PrefixOverlap.UNKNOWN);
        assertThat(index.cachedBlocks(address())).as("kept for a replay").isEqualTo(1);
        assertThat(registry.get("gateway.kv-events.disconnects").tag("reason", "ended").counter().count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void dropsEverythingARestartedEngineHeldAndAsksForASnapshot() {
        engine = new ScriptedFeedEngine("e1")
                .thenEnds(snapshot("e1", 5, "{\"block_hash\":11,\"parent_block_hash\":null,\"token_ids\":"
                        + TOKENS + ",\"lora_name\":null}"));
        feed = start(engine);
        await().atMost(Duration.ofSeconds(5)).until(() -> index.cachedBlocks(address()) == 1);

        engine.engineId("e2").thenSilent(snapshot("e2", 0, ""));

        await().atMost(Duration.ofSeconds(5)).until(() -> feed.state() == FeedState.LIVE
                && engine.queries().size() >= 2 && index.cachedBlocks(address()) == 0);
        // Either the reconnection read the new engine id from /server_info and asked for a snapshot, or it read the
        // old one first and resumed, which the new engine answers with a snapshot of its own.
        assertThat(engine.queries().getLast()).as("the new engine is asked for a snapshot or resumed from the old one")
                .satisfiesAnyOf(query -> assertThat(query).isEmpty(),
                        query -> assertThat(query).isEqualTo("from=6&engine_id=e1"));
        assertThat(registry.get("gateway.kv-events.resyncs").tag("reason", "restart").counter().count())
                .isEqualTo(1);
    }

    @Test
    void resyncsWithASnapshotAfterMissingEvents() {
        engine = new ScriptedFeedEngine("e1")
                .thenEnds(snapshot("e1", 5, ""), stored("e1", 8, 12, null))
                .thenSilent(snapshot("e1", 8, "{\"block_hash\":12,\"parent_block_hash\":null,\"token_ids\":"
                        + TOKENS + ",\"lora_name\":null}"));
        feed = start(engine);

        await().atMost(Duration.ofSeconds(5))
                .until(() -> engine.queries().size() >= 2 && feed.state() == FeedState.LIVE);

        assertThat(engine.queries().get(1)).as("a gap forgets the position").isEmpty();
        assertThat(index.overlap(MODEL, prompt, address()).cachedBlocks()).isEqualTo(1);
        assertThat(registry.get("gateway.kv-events.resyncs").tag("reason", "gap").counter().count()).isEqualTo(1);
    }

    @Test
    void leavesAnEngineThatPublishesNoEventsDisabled() {
        engine = new ScriptedFeedEngine("e1").serverInfo("{\"engine_id\":\"e1\",\"model\":\"llama3-8b\","
                + "\"block_size\":16,\"kv_events\":{\"enabled\":false}}");
        feed = start(engine);

        await().atMost(Duration.ofSeconds(5)).until(() -> feed.state() == FeedState.DISABLED);

        assertThat(engine.queries()).isEmpty();
        assertThat(index.isLive(address())).isFalse();
    }

    private EngineFeed start(ScriptedFeedEngine target) {
        EngineFeed started = new EngineFeed(target.endpoint(), client,
                new FeedCursor(index.register(target.endpoint().address())),
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)), STALE_AFTER, meters);
        meters.track(List.of(started));
        started.start();
        return started;
    }

    private String address() {
        return engine.endpoint().address();
    }

    private static String snapshot(String engineId, long seq, String blocks) {
        return "{\"type\":\"snapshot\",\"seq\":" + seq + ",\"engine_id\":\"" + engineId + "\",\"ts\":1,"
                + "\"block_size\":16,\"blocks\":[" + blocks + "],\"last\":true}";
    }

    private static String stored(String engineId, long seq, long hash, Long parent) {
        return "{\"type\":\"block_stored\",\"seq\":" + seq + ",\"engine_id\":\"" + engineId + "\",\"ts\":1,"
                + "\"block_hashes\":[" + hash + "],\"parent_block_hash\":" + parent + ",\"token_ids\":"
                + TOKENS.replace("[1,", "[17,") + ",\"block_size\":16,\"lora_name\":null}";
    }

    private static String removed(String engineId, long seq, long hash) {
        return "{\"type\":\"block_removed\",\"seq\":" + seq + ",\"engine_id\":\"" + engineId + "\",\"ts\":1,"
                + "\"block_hashes\":[" + hash + "]}";
    }

    private static String heartbeat(String engineId, long seq) {
        return "{\"type\":\"heartbeat\",\"seq\":" + seq + ",\"engine_id\":\"" + engineId + "\",\"ts\":1}";
    }

    /** Block 1 = ids 1..16, block 2 = ids 17,2..16 (as {@link #stored} writes it), then a tail. */
    private static int[] concatTokens() {
        int[] ids = new int[40];
        for (int i = 0; i < 16; i++) {
            ids[i] = i + 1;
            ids[16 + i] = i + 1;
        }
        ids[16] = 17;
        for (int i = 32; i < 40; i++) {
            ids[i] = 99;
        }
        return ids;
    }
}

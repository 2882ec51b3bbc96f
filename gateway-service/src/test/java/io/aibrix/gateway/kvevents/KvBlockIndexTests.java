package io.aibrix.gateway.kvevents;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static io.aibrix.gateway.kvevents.KvIndexFixture.MODEL;
import static io.aibrix.gateway.kvevents.KvIndexFixture.concat;
import static io.aibrix.gateway.kvevents.KvIndexFixture.tokens;
import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link KvBlockIndex}, fed the way the engines' feeds feed it. */
class KvBlockIndexTests {

    private final KvIndexFixture fixture = new KvIndexFixture();
    private final KvBlockIndex index = fixture.index();

    private final int[] prefix = tokens(1, 64);
    private final int[] prompt = concat(prefix, tokens(2, 20));

    @Test
    void matchesTheLeadingBlocksAnEngineReportsCached() {
        fixture.engine("a:8000").caches(prefix);
        fixture.engine("b:8000");

        PrefixOverlap[] overlaps = index.overlaps(MODEL, prompt, List.of("a:8000", "b:8000"));

        assertThat(overlaps[0]).isEqualTo(new PrefixOverlap(true, 16, 4, 5));
        assertThat(overlaps[1]).isEqualTo(new PrefixOverlap(true, 16, 0, 5));
        assertThat(overlaps[0].cachedTokens()).isEqualTo(64);
        assertThat(overlaps[0].ratio()).isEqualTo(0.8);
    }

    @Test
    void followsTheBlocksAnEngineStoredAfterAPromptItHoldsWhole() {
        // An earlier turn's prompt (84 tokens, 5 matchable blocks); engine a served it and generated 40 more tokens.
        int[] turn = concat(prefix, tokens(3, 20));
        fixture.engine("a:8000").caches(concat(turn, tokens(4, 40)));
        fixture.engine("b:8000").caches(concat(prefix, tokens(5, 60)));

        PrefixOverlap[] overlaps = index.overlaps(MODEL, turn, List.of("a:8000", "b:8000"), 40);

        assertThat(overlaps[0]).as("blocks 5 and 6 (tokens 80-111) follow the prompt on a")
                .isEqualTo(new PrefixOverlap(true, 16, 5, 5, 2));
        assertThat(overlaps[1]).as("b holds a different 5th block, so what follows is not this prompt's")
                .isEqualTo(new PrefixOverlap(true, 16, 4, 5, 0));
        assertThat(index.overlaps(MODEL, turn, List.of("a:8000"))[0].replyBlocks())
                .as("only when asked").isZero();
        assertThat(index.overlaps(MODEL, turn, List.of("a:8000"), 1)[0].replyBlocks())
                .as("as many blocks as the reply fills, and one").isEqualTo(2);

        KvIndexFixture.Engine evicting = fixture.engine("d:8000");
        long[] d = evicting.caches(concat(turn, tokens(4, 40)));
        evicting.evicts(d[6]);
        assertThat(index.overlaps(MODEL, turn, List.of("d:8000"), 40)[0].replyBlocks())
                .as("the chain stops at the first evicted block").isEqualTo(1);
    }

    @Test
    void neverCountsAPromptsLastTokenAsCached() {
        fixture.engine("a:8000").caches(prefix);

        assertThat(index.overlap(MODEL, prefix, "a:8000").cachedBlocks())
                .as("the engine recomputes the last prompt token, so the 4th block cannot hit").isEqualTo(3);
    }

    @Test
    void chainsAStoredRunOntoItsParentBlock() {
        FeedCursor cursor = liveCursor("a:8000");

        // A longer prompt's new blocks arrive as a run chained to the last block already cached.
        cursor.apply(new FeedLine.BlockStored(1, "id", new long[] {11, 12}, null, range(prompt, 0, 32), 16, null));
        cursor.apply(new FeedLine.BlockStored(2, "id", new long[] {13, 14, 15}, 12L, range(prompt, 32, 80), 16,
                null));

        assertThat(index.overlap(MODEL, prompt, "a:8000").cachedBlocks()).isEqualTo(5);
    }

    @Test
    void neverMatchesBlocksWhoseParentItNeverSaw() {
        FeedCursor cursor = liveCursor("a:8000");

        // Blocks 2-3 chained to a parent cached before a reset: the engine cannot match them from the root either.
        cursor.apply(new FeedLine.BlockStored(1, "id", new long[] {13, 14}, 12L, range(prompt, 32, 64), 16, null));
        assertThat(index.overlap(MODEL, prompt, "a:8000").cachedBlocks()).isZero();

        cursor.apply(new FeedLine.BlockStored(2, "id", new long[] {21, 22}, null, range(prompt, 0, 32), 16, null));
        assertThat(index.overlap(MODEL, prompt, "a:8000").cachedBlocks()).isEqualTo(2);
    }

    @Test
    void replacesEverythingItKnewWithASnapshot() {
        FeedCursor cursor = liveCursor("a:8000");
        cursor.apply(new FeedLine.BlockStored(1, "id", new long[] {1, 2, 3, 4}, null, range(prompt, 0, 64), 16,
                null));
        int[] other = tokens(9, 48);

        cursor.apply(new FeedLine.Snapshot(7, "id", 16, List.of(
                new FeedLine.SnapshotBlock(31, null, range(other, 0, 16), null),
                new FeedLine.SnapshotBlock(32, 31L, range(other, 16, 32), null)), false));
        cursor.apply(new FeedLine.Snapshot(7, "id", 16, List.of(
                new FeedLine.SnapshotBlock(33, 32L, range(other, 32, 48), null)), true));

        assertThat(index.overlap(MODEL, prompt, "a:8000").cachedBlocks()).isZero();
        assertThat(index.overlap(MODEL, concat(other, tokens(3, 5)), "a:8000").cachedBlocks()).isEqualTo(3);
        assertThat(cursor.resumeFrom()).isEqualTo(8);
    }

    @Test
    void dropsWhatARestartedEngineHeld() {
        FeedCursor cursor = liveCursor("a:8000");
        cursor.apply(new FeedLine.BlockStored(1, "id", new long[] {1, 2, 3, 4}, null, range(prompt, 0, 64), 16,
                null));

        boolean restarted = cursor.serverInfo(new ServerInfo("new-id", MODEL, 16, true, "/v1/kv-events"));

        assertThat(restarted).isTrue();
        assertThat(index.cachedBlocks("a:8000")).isZero();
        assertThat(index.overlap(MODEL, prompt, "a:8000").cachedBlocks()).isZero();
        assertThat(cursor.resumeEngineId()).as("the next connection asks for a snapshot").isNull();
    }

    @Test
    void stopsAtTheFirstEvictedBlock() {
        KvIndexFixture.Engine engine = fixture.engine("a:8000");
        long[] hashes = engine.caches(prefix);

        engine.evicts(hashes[1]);

        assertThat(index.overlap(MODEL, prompt, "a:8000").cachedBlocks()).isEqualTo(1);
        assertThat(index.cachedBlocks("a:8000")).isEqualTo(3);
    }

    @Test
    void forgetsEverythingWhenTheEngineClearsItsCache() {
        fixture.engine("a:8000").caches(prefix);
        KvIndexFixture.Engine b = fixture.engine("b:8000");
        b.caches(prefix);

        b.resets();

        assertThat(index.overlap(MODEL, prompt, "a:8000").cachedBlocks()).isEqualTo(4);
        assertThat(index.overlap(MODEL, prompt, "b:8000").cachedBlocks()).isZero();
        assertThat(index.cachedBlocks("b:8000")).isZero();
        assertThat(index.size()).isEqualTo(4);
    }

    @Test
    void sharesBlocksAcrossEnginesServingTheSameModel() {
        fixture.engine("a:8000").caches(prefix);
        fixture.engine("b:8000").caches(prompt);

        PrefixOverlap[] overlaps = index.overlaps(MODEL, prompt, List.of("a:8000", "b:8000"));

        assertThat(overlaps).extracting(PrefixOverlap::cachedBlocks).containsExactly(4, 5);
        assertThat(index.size()).as("the first four blocks are the same keys on both").isEqualTo(5);
    }

    @Test
    void keepsLoraAdaptersApartFromTheBaseModelAndEachOther() {
        fixture.engine("a:8000").caches(prefix, "sql-lora");

        assertThat(index.overlap(MODEL, prompt, "a:8000").cachedBlocks()).isZero();
        assertThat(index.overlap("chat-lora", prompt, "a:8000").cachedBlocks()).isZero();
        assertThat(index.overlap("sql-lora", prompt, "a:8000").cachedBlocks()).isEqualTo(4);
    }

    @Test
    void countsNothingForAnEngineWithoutAFeed() {
        fixture.engine("a:8000").caches(prefix);

        PrefixOverlap[] overlaps = index.overlaps(MODEL, prompt, List.of("a:8000", "unknown:8000"));

        assertThat(overlaps[0].cachedBlocks()).isEqualTo(4);
        assertThat(overlaps[1]).isEqualTo(PrefixOverlap.UNKNOWN);
        assertThat(index.isLive("unknown:8000")).isFalse();
    }

    @Test
    void keepsTheBlocksOfAnEngineWhoseFeedWentDownButDoesNotCountThem() {
        KvIndexFixture.Engine engine = fixture.engine("a:8000");
        engine.caches(prefix);

        engine.down();

        assertThat(index.overlap(MODEL, prompt, "a:8000")).isEqualTo(PrefixOverlap.UNKNOWN);
        assertThat(index.isLive("a:8000")).isFalse();
        assertThat(index.cachedBlocks("a:8000")).as("kept for a replay").isEqualTo(4);
    }

    @Test
    void matchesZeroBlocksWithoutTokenIds() {
        fixture.engine("a:8000").caches(prefix);

        assertThat(index.overlap(MODEL, null, "a:8000")).isEqualTo(new PrefixOverlap(true, 16, 0, 0));
    }

    @Test
    void cutsThePromptWithEachEnginesOwnBlockSize() {
        fixture.engine("a:8000", 16).caches(prefix);
        fixture.engine("b:8000", 32).caches(prefix);

        PrefixOverlap[] overlaps = index.overlaps(MODEL, prompt, List.of("a:8000", "b:8000"));

        assertThat(overlaps[0]).isEqualTo(new PrefixOverlap(true, 16, 4, 5));
        assertThat(overlaps[1]).isEqualTo(new PrefixOverlap(true, 32, 2, 2));
    }

    @Test
    void forgetsAnEngineThatLeftAndGivesItsSlotToTheNextOne() {
        fixture.engine("a:8000").caches(prefix);
        fixture.engine("b:8000").caches(prefix);

        index.unregister("a:8000");
        fixture.engine("c:8000");

        PrefixOverlap[] overlaps = index.overlaps(MODEL, prompt, List.of("a:8000", "b:8000", "c:8000"));
        assertThat(overlaps[0]).isEqualTo(PrefixOverlap.UNKNOWN);
        assertThat(overlaps[1].cachedBlocks()).isEqualTo(4);
        assertThat(overlaps[2].cachedBlocks()).as("the reused slot starts empty").isZero();
    }

    @Test
    void tracksMoreThanSixtyFourEngines() {
        for (int i = 0; i < 70; i++) {
            KvIndexFixture.Engine engine = fixture.engine("e" + i + ":8000");
            if (i % 10 == 9) {
                engine.caches(prefix);
            }
        }

        PrefixOverlap[] overlaps = index.overlaps(MODEL, prompt, List.of("e68:8000", "e69:8000", "e9:8000"));

        assertThat(overlaps).extracting(PrefixOverlap::cachedBlocks).containsExactly(0, 4, 4);
    }

    private FeedCursor liveCursor(String address) {
        EngineBlocks blocks = index.register(address);
        FeedCursor cursor = new FeedCursor(blocks);
        cursor.serverInfo(new ServerInfo("id", MODEL, 16, true, "/v1/kv-events"));
        cursor.apply(new FeedLine.Snapshot(0, "id", 16, List.of(), true));
        blocks.live(true);
        return cursor;
    }

    private static int[] range(int[] ids, int from, int to) {
        return Arrays.copyOfRange(ids, from, to);
    }
}

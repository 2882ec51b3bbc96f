package io.aibrix.simulator.kvevents;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aibrix.simulator.tokenizer.IntList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link KvEventSubscription}: what a reader of the journal receives, and when it is cut off. */
class KvEventSubscriptionTests {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(5_000), ZoneOffset.UTC);
    private static final Duration HEARTBEAT = Duration.ofSeconds(1);

    private final VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();
    private final KvEventCodec codec = new KvEventCodec(MAPPER.getFactory(), "engine-a");
    private KvEventJournal journal = new KvEventJournal(8, 2, CLOCK);

    @AfterEach
    void disposeScheduler() {
        scheduler.dispose();
    }

    private Flux<JsonNode> open(long from) {
        return KvEventSubscription.open(journal, codec, scheduler, CLOCK, from, HEARTBEAT)
                .map(KvEventSubscriptionTests::json);
    }

    @Test
    void startsWithASnapshotConsistentWithTheLastSeqWhenFromIsZero() {
        store(11, 12);
        journal.removed(new long[] {12});

        StepVerifier.create(open(0))
                .assertNext(line -> {
                    assertThat(line.path("type").asText()).isEqualTo("snapshot");
                    assertThat(line.path("seq").asLong()).isEqualTo(2);
                    assertThat(line.path("engine_id").asText()).isEqualTo("engine-a");
                    assertThat(line.path("ts").asLong()).isEqualTo(5_000);
                    assertThat(line.path("block_size").asInt()).isEqualTo(2);
                    assertThat(line.path("last").asBoolean()).isTrue();
                    assertThat(line.path("blocks")).hasSize(1);
                    JsonNode block = line.path("blocks").get(0);
                    assertThat(block.path("block_hash").asLong()).isEqualTo(11);
                    assertThat(block.path("parent_block_hash").isNull()).isTrue();
                    assertThat(block.path("token_ids").toString()).isEqualTo("[100,101]");
                    assertThat(block.path("lora_name").isNull()).isTrue();
                })
                .then(() -> journal.allCleared())
                .assertNext(line -> {
                    assertThat(line.path("type").asText()).isEqualTo("all_blocks_cleared");
                    assertThat(line.path("seq").asLong()).isEqualTo(3);
                })
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void replaysFromARetainedSeqThenContinuesLiveWithoutGapOrDuplicate() {
        store(11);
        store(21);
        store(31);

        StepVerifier.create(open(2))
                .assertNext(line -> assertThat(line.path("seq").asLong()).isEqualTo(2))
                .assertNext(line -> assertThat(line.path("seq").asLong()).isEqualTo(3))
                .then(() -> journal.removed(new long[] {31, 21}))
                .assertNext(line -> {
                    assertThat(line.path("seq").asLong()).isEqualTo(4);
                    assertThat(line.path("type").asText()).isEqualTo("block_removed");
                    assertThat(line.path("block_hashes").toString()).isEqualTo("[31,21]");
                })
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void encodesAStoredEventWithEveryField() {
        IntList tokens = tokens(3);
        journal.stored(new long[] {-5, 6, 7}, 1, 3, tokens, "lora-x");

        StepVerifier.create(open(1))
                .assertNext(line -> assertThat(line.toString()).isEqualTo("{\"type\":\"block_stored\",\"seq\":1,"
                        + "\"engine_id\":\"engine-a\",\"ts\":5000,\"block_hashes\":[6,7],\"parent_block_hash\":-5,"
                        + "\"token_ids\":[102,103,104,105],\"block_size\":2,\"lora_name\":\"lora-x\"}"))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void sendsASnapshotWhenFromIsOlderThanTheRetainedHistory() {
        for (int i = 0; i < 10; i++) {
            journal.removed(new long[] {i + 100});
        }
        store(11);

        StepVerifier.create(open(2))
                .assertNext(line -> {
                    assertThat(line.path("type").asText()).isEqualTo("snapshot");
                    assertThat(line.path("seq").asLong()).isEqualTo(11);
                })
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void splitsALargeSnapshotIntoLinesMarkingTheLast() {
        long[] chain = new long[KvEventCodec.SNAPSHOT_BLOCKS_PER_LINE + 10];
        for (int i = 0; i < chain.length; i++) {
            chain[i] = i + 1;
        }
        journal.stored(chain, 0, chain.length, tokens(chain.length), null);

        List<JsonNode> lines = open(0).take(2).collectList().block(Duration.ofSeconds(5));

        assertThat(lines).extracting(l -> l.path("type").asText()).containsOnly("snapshot");
        assertThat(lines).extracting(l -> l.path("seq").asLong()).containsOnly(1L);
        assertThat(lines).extracting(l -> l.path("blocks").size())
                .containsExactly(KvEventCodec.SNAPSHOT_BLOCKS_PER_LINE, 10);
        assertThat(lines).extracting(l -> l.path("last").asBoolean()).containsExactly(false, true);
    }

    @Test
    void sendsHeartbeatsWithTheLastSeqOnlyWhileIdle() {
        store(11);
        List<JsonNode> lines = new ArrayList<>();
        Disposable reader = open(1).subscribe(lines::add);

        scheduler.advanceTimeBy(HEARTBEAT);
        int afterBusySecond = lines.size();
        scheduler.advanceTimeBy(HEARTBEAT);
        scheduler.advanceTimeBy(HEARTBEAT);
        reader.dispose();

        assertThat(afterBusySecond).isEqualTo(1);
        assertThat(lines).extracting(l -> l.path("type").asText())
                .containsExactly("block_stored", "heartbeat", "heartbeat");
        assertThat(lines.get(1).path("seq").asLong()).isEqualTo(1);
        assertThat(lines.get(1).path("engine_id").asText()).isEqualTo("engine-a");
    }

    @Test
    void cutsOffAReaderThatRequestsNothingOnceItMissesHistory() {
        StepVerifier.create(open(1), 0)
                .then(() -> {
                    for (int i = 0; i < 8; i++) {
                        journal.removed(new long[] {i + 1});
                    }
                })
                .expectNoEvent(Duration.ZERO)
                .then(() -> journal.removed(new long[] {99}))
                .expectError(KvEventSubscription.SlowReaderException.class)
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void servesTwoConcurrentReadersTheSameSequence() {
        List<Long> first = new ArrayList<>();
        List<Long> second = new ArrayList<>();
        Disposable a = open(1).subscribe(line -> first.add(line.path("seq").asLong()));
        store(11);
        Disposable b = open(1).subscribe(line -> second.add(line.path("seq").asLong()));
        store(21);
        journal.removed(new long[] {21});

        a.dispose();
        b.dispose();

        assertThat(first).containsExactly(1L, 2L, 3L);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void completesWhenTheEngineStops() {
        StepVerifier.create(open(1))
                .then(() -> store(11))
                .expectNextCount(1)
                .then(() -> journal.close())
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    private void store(long... chain) {
        journal.stored(chain, 0, chain.length, tokens(chain.length), null);
    }

    private static IntList tokens(int blocks) {
        IntList tokens = new IntList(blocks * 2);
        for (int i = 0; i < blocks * 2; i++) {
            tokens.add(100 + i);
        }
        return tokens;
    }

    private static JsonNode json(byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n").doesNotContain("\n\n");
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}

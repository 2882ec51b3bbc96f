package io.aibrix.gateway.kvevents;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Tests for {@link FeedLineParser}, on lines as the contract writes them. */
class FeedLineParserTests {

    @Test
    void parsesABlockStoredLine() {
        FeedLine line = parse("{\"type\":\"block_stored\",\"seq\":42,\"engine_id\":\"9b2\",\"ts\":1767000000120,"
                + "\"block_hashes\":[-8120000000000000000,443],\"parent_block_hash\":null,"
                + "\"token_ids\":[1,2,3,4],\"block_size\":2,\"lora_name\":null}");

        assertThat(line).isInstanceOfSatisfying(FeedLine.BlockStored.class, stored -> {
            assertThat(stored.seq()).isEqualTo(42);
            assertThat(stored.engineId()).isEqualTo("9b2");
            assertThat(stored.blockHashes()).containsExactly(-8120000000000000000L, 443L);
            assertThat(stored.parentBlockHash()).isNull();
            assertThat(stored.tokenIds()).containsExactly(1, 2, 3, 4);
            assertThat(stored.blockSize()).isEqualTo(2);
            assertThat(stored.loraName()).isNull();
        });
    }

    @Test
    void parsesAParentHashAndALoraNameInAnyFieldOrder() {
        FeedLine line = parse("{\"lora_name\":\"sql-lora\",\"token_ids\":[7,8],\"block_size\":2,"
                + "\"parent_block_hash\":-5,\"block_hashes\":[6],\"extra\":{\"x\":[1]},\"engine_id\":\"e\","
                + "\"seq\":3,\"type\":\"block_stored\"}");

        assertThat(line).isInstanceOfSatisfying(FeedLine.BlockStored.class, stored -> {
            assertThat(stored.parentBlockHash()).isEqualTo(-5L);
            assertThat(stored.loraName()).isEqualTo("sql-lora");
        });
    }

    @Test
    void parsesRemovedClearedAndHeartbeatLines() {
        assertThat(parse("{\"type\":\"block_removed\",\"seq\":43,\"engine_id\":\"e\",\"ts\":1,\"block_hashes\":[443]}"))
                .isInstanceOfSatisfying(FeedLine.BlockRemoved.class,
                        removed -> assertThat(removed.blockHashes()).containsExactly(443L));
        assertThat(parse("{\"type\":\"all_blocks_cleared\",\"seq\":44,\"engine_id\":\"e\",\"ts\":1}"))
                .isEqualTo(new FeedLine.AllBlocksCleared(44, "e"));
        assertThat(parse("{\"type\":\"heartbeat\",\"seq\":44,\"engine_id\":\"e\",\"ts\":1}"))
                .isEqualTo(new FeedLine.Heartbeat(44, "e"));
    }

    @Test
    void parsesASnapshotLine() {
        FeedLine line = parse("{\"type\":\"snapshot\",\"seq\":41,\"engine_id\":\"e\",\"ts\":1,\"block_size\":2,"
                + "\"blocks\":[{\"block_hash\":1,\"parent_block_hash\":null,\"token_ids\":[5,6],\"lora_name\":null},"
                + "{\"block_hash\":2,\"parent_block_hash\":1,\"token_ids\":[7,8],\"lora_name\":\"a\"}],\"last\":true}");

        assertThat(line).isInstanceOfSatisfying(FeedLine.Snapshot.class, snapshot -> {
            assertThat(snapshot.seq()).isEqualTo(41);
            assertThat(snapshot.last()).isTrue();
            assertThat(snapshot.blocks()).hasSize(2);
            assertThat(snapshot.blocks().get(1).parentBlockHash()).isEqualTo(1L);
            assertThat(snapshot.blocks().get(1).tokenIds()).containsExactly(7, 8);
            assertThat(snapshot.blocks().get(1).loraName()).isEqualTo("a");
        });
    }

    @Test
    void ignoresALineTypeItDoesNotKnow() {
        assertThat(parse("{\"type\":\"block_offloaded\",\"seq\":1,\"engine_id\":\"e\"}")).isNull();
    }

    @Test
    void rejectsMalformedLines() {
        assertThatExceptionOfType(FeedLineParser.MalformedLineException.class).isThrownBy(() -> parse("{\"type\":"));
        assertThatExceptionOfType(FeedLineParser.MalformedLineException.class)
                .isThrownBy(() -> parse("{\"type\":\"heartbeat\",\"seq\":1}"));
        assertThatExceptionOfType(FeedLineParser.MalformedLineException.class)
                .isThrownBy(() -> parse("{\"type\":\"block_stored\",\"seq\":1,\"engine_id\":\"e\","
                        + "\"block_hashes\":[1,2],\"token_ids\":[1,2,3],\"block_size\":2}"))
                .withMessageContaining("token ids");
        assertThatExceptionOfType(FeedLineParser.MalformedLineException.class).isThrownBy(() -> parse("[1]"));
    }

    private static FeedLine parse(String json) {
        return FeedLineParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}

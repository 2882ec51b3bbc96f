package io.aibrix.gateway.routing.prefix;

import java.util.Arrays;
import java.util.Map;

import io.aibrix.gateway.routing.RoutingRequest;
import org.junit.jupiter.api.Test;

import static io.aibrix.gateway.routing.prefix.PrefixFixtures.chat;
import static io.aibrix.gateway.routing.prefix.PrefixFixtures.words;
import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link PromptHasher}. */
class PromptHasherTests {

    private final PromptHasher characters = new PromptHasher(PrefixTokenizer.CHARACTERS, 8, 4, 0);

    private final PromptHasher engine = new PromptHasher(PrefixTokenizer.ENGINE, 8, 4, 0);

    @Test
    void sharedPrefixGivesSameHashesUntilTheTextsDiverge() {
        String prefix = words(1, 20);
        PromptBlocks a = characters.blocks(chat(prefix + " " + words(2, 10)));
        PromptBlocks b = characters.blocks(chat(prefix + " " + words(3, 10)));

        int sharedBlocks = prefix.length() / 8;
        assertThat(Arrays.copyOf(a.hashes(), sharedBlocks)).isEqualTo(Arrays.copyOf(b.hashes(), sharedBlocks));
        assertThat(a.hashes()[a.blockCount() - 1]).isNotEqualTo(b.hashes()[b.blockCount() - 1]);
    }

    @Test
    void chainsHashesSoEqualBlocksAtDifferentPositionsDiffer() {
        PromptBlocks blocks = characters.blocks(chat("abcdefghabcdefgh"));

        assertThat(blocks.hashes()).hasSize(2);
        assertThat(blocks.hashes()[0]).isNotEqualTo(blocks.hashes()[1]);
    }

    @Test
    void differentModelsNeverShareHashes() {
        String prompt = words(1, 20);

        long[] base = characters.blocks(chat("llama3-8b", prompt)).hashes();
        long[] adapter = characters.blocks(chat("sql-lora", prompt)).hashes();

        for (long hash : base) {
            assertThat(adapter).doesNotContain(hash);
        }
    }

    @Test
    void differentSeedsGiveDifferentHashes() {
        String prompt = words(1, 20);

        assertThat(new PromptHasher(PrefixTokenizer.CHARACTERS, 8, 4, 42).blocks(chat(prompt)).hashes()[0])
                .isNotEqualTo(characters.blocks(chat(prompt)).hashes()[0]);
    }

    @Test
    void ignoresTheIncompleteTailBlock() {
        PromptBlocks blocks = characters.blocks(chat("0123456789abcdefXYZ"));
        PromptBlocks full = characters.blocks(chat("0123456789abcdef"));

        assertThat(blocks.hashes()).isEqualTo(full.hashes());
        assertThat(blocks.totalUnits()).isEqualTo(19);
        assertThat(characters.blocks(chat("short")).hashes()).isEmpty();
    }

    @Test
    void hashesEngineTokenIdsInEngineBlocks() {
        RoutingRequest request = chat("text that is ignored").withPromptTokenIds(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        RoutingRequest samePrefix = chat("other text").withPromptTokenIds(new int[] {1, 2, 3, 4, 9, 9, 9, 9});

        PromptBlocks blocks = engine.blocks(request);

        assertThat(blocks.tokenIds()).isTrue();
        assertThat(blocks.hashes()).hasSize(2);
        assertThat(blocks.promptTokens()).isEqualTo(9);
        assertThat(engine.blocks(samePrefix).hashes()[0]).isEqualTo(blocks.hashes()[0]);
        assertThat(engine.blocks(samePrefix).hashes()[1]).isNotEqualTo(blocks.hashes()[1]);
    }

    @Test
    void fallsBackToCharactersWithoutTokenIds() {
        PromptBlocks blocks = engine.blocks(chat("0123456789abcdef"));

        assertThat(blocks.tokenIds()).isFalse();
        assertThat(blocks.hashes()).isEqualTo(characters.blocks(chat("0123456789abcdef")).hashes());
    }

    @Test
    void characterModeIgnoresTokenIds() {
        RoutingRequest request = chat("0123456789abcdef").withPromptTokenIds(new int[] {1, 2, 3, 4});

        assertThat(characters.blocks(request).tokenIds()).isFalse();
        assertThat(characters.usesTokenIds()).isFalse();
        assertThat(engine.usesTokenIds()).isTrue();
    }

    @Test
    void estimatesUncachedTokensFromTheCoveredShare() {
        PromptBlocks tokens = engine.blocks(chat("x").withPromptTokenIds(new int[10]));
        PromptBlocks text = characters.blocks(new RoutingRequest("r", "m", "a".repeat(40), 10, -1, false, null,
                Map.of()));

        assertThat(tokens.uncachedTokens(2)).isEqualTo(2);
        assertThat(tokens.coveredFraction(2)).isEqualTo(0.8);
        assertThat(text.uncachedTokens(0)).isEqualTo(10);
        assertThat(text.uncachedTokens(4)).isEqualTo(2);
        assertThat(text.coveredFraction(5)).isEqualTo(1.0);
    }
}

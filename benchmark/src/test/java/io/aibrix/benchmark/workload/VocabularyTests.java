package io.aibrix.benchmark.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Tests for {@link Vocabulary}. */
class VocabularyTests {

    @Test
    void wordsAreDistinctAndFreeOfWhitespace() {
        Set<String> words = new HashSet<>();
        for (int i = 0; i < Vocabulary.SIZE; i++) {
            assertThat(Vocabulary.word(i)).matches("[a-z]+");
            words.add(Vocabulary.word(i));
        }
        assertThat(words).hasSize(Vocabulary.SIZE);
    }

    @Test
    void textOfNWordsCostsNWhitespaceTokens() {
        String text = Vocabulary.words(new SplittableRandom(1), 3000);
        assertThat(text.split("\\s+")).hasSize(3000);
        assertThat(text).doesNotStartWith(" ").doesNotEndWith(" ").doesNotContain("  ");
    }

    @Test
    void sameRandomStreamGivesSameText() {
        RandomStreams streams = new RandomStreams(11);
        assertThat(Vocabulary.words(streams.stream("prefix", 3), 50))
                .isEqualTo(Vocabulary.words(new RandomStreams(11).stream("prefix", 3), 50))
                .isNotEqualTo(Vocabulary.words(streams.stream("prefix", 4), 50));
    }
}

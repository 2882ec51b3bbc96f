package io.aibrix.gateway.tokenize;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Tests for {@link TextPrefixes}. */
class TextPrefixesTests {

    private static final String SHARED = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu ";

    @Test
    void cutsAtTheFirstWordBoundaryAfterEachChunk() {
        assertThat(TextPrefixes.cuts("abc defgh ij klm", 4)).containsExactly(9, 12);
        assertThat(TextPrefixes.cuts("a  b   c", 2)).as("the first blank after a word").containsExactly(4);
        assertThat(TextPrefixes.cuts("short", 16)).isEmpty();
        assertThat(TextPrefixes.cuts("nowhitespaceatall", 4)).isEmpty();
    }

    @Test
    void cutsOfAPrefixAreThoseOfEveryTextContinuingIt() {
        String a = SHARED + "one two three four";
        String b = SHARED + "five six seven";
        int[] cutsA = TextPrefixes.cuts(a, 10);
        int[] cutsB = TextPrefixes.cuts(b, 10);
        int shared = 0;
        while (shared < Math.min(cutsA.length, cutsB.length) && cutsA[shared] < SHARED.length()) {
            assertThat(cutsB[shared]).isEqualTo(cutsA[shared]);
            shared++;
        }
        assertThat(shared).isGreaterThan(3);
    }

    @Test
    void learnsTheLongestPrefixASecondPromptSharesAndServesItToTheThird() {
        TextPrefixes prefixes = new TextPrefixes(10, 1000, 100, 10_000);
        PromptText first = prompt(7, SHARED + "first question here");
        PromptText second = prompt(7, SHARED + "second question there");

        TextPrefixes.Lookup one = prefixes.lookup(first);
        assertThat(one.ids()).isNull();
        assertThat(one.learnEnd()).as("nothing seen before").isZero();

        TextPrefixes.Lookup two = prefixes.lookup(second);
        assertThat(two.ids()).isNull();
        assertThat(two.learnEnd()).as("the last cut inside the shared text")
                .isLessThanOrEqualTo(SHARED.length()).isGreaterThan(SHARED.length() - 12);
        assertThat(prefixes.startLearning(two.learnKey())).isTrue();
        assertThat(prefixes.startLearning(two.learnKey())).as("one learner per prefix").isFalse();
        prefixes.learnt(two.learnKey(), new int[] {1, 2, 3, 4, 5, 6}, new int[] {1, 2, 3, 4, 99});
        prefixes.endLearning(two.learnKey());

        TextPrefixes.Lookup three = prefixes.lookup(prompt(7, SHARED + "third one"));
        assertThat(three.ids()).as("the common start of the two answers").containsExactly(1, 2, 3, 4);
        assertThat(prefixes.lookup(prompt(8, SHARED + "third one")).ids()).as("another context").isNull();
        assertThat(prefixes.lookup(prompt(7, "different " + SHARED)).ids()).isNull();
    }

    @Test
    void forgetsTheOldestSeenCutsBeyondItsBound() {
        TextPrefixes prefixes = new TextPrefixes(10, 3, 100, 10_000);
        prefixes.lookup(prompt(1, SHARED + "x"));

        assertThat(prefixes.lookup(prompt(1, SHARED + "y")).learnEnd())
                .as("only the last three cuts are still seen").isGreaterThan(SHARED.length() - 12);
        prefixes.lookup(prompt(2, SHARED + "z"));
        assertThat(prefixes.lookup(prompt(1, SHARED + "w")).learnEnd()).isZero();
    }

    @Test
    void stopsServingADisabledModel() {
        TextPrefixes prefixes = new TextPrefixes(10, 100, 100, 10_000);
        assertThat(prefixes.disable("m")).isTrue();
        assertThat(prefixes.disable("m")).isFalse();
        assertThat(prefixes.unstable("m")).isTrue();
        assertThat(prefixes.unstable("other")).isFalse();
    }

    @Test
    void rejectsNonPositiveBounds() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TextPrefixes(0, 10, 10, 10));
        assertThatIllegalArgumentException().isThrownBy(() -> new TextPrefixes(10, 0, 10, 10));
    }

    private static PromptText prompt(long context, String text) {
        return new PromptText("m", context, text);
    }
}

package io.aibrix.gateway.tokenize;

import org.junit.jupiter.api.Test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Tests for {@link TokenIdCache}. */
class TokenIdCacheTests {

    private final ChatPrefixes.Conversation turn = ChatPrefixes.of(("{\"model\":\"m\",\"messages\":["
            + "{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"assistant\",\"content\":\"b\"},"
            + "{\"role\":\"user\",\"content\":\"c\"}]}").getBytes(UTF_8));

    @Test
    void findsTheLongestCachedPrefixOfAConversation() {
        TokenIdCache cache = new TokenIdCache(10, 1000);
        cache.put(turn.keys()[0], new int[] {1, 2});
        assertThat(cache.longest(turn).index()).isZero();

        cache.put(turn.keys()[1], new int[] {1, 2, 3});

        TokenIdCache.Hit hit = cache.longest(turn);
        assertThat(hit.index()).isEqualTo(1);
        assertThat(hit.ids()).containsExactly(1, 2, 3);
        assertThat(new TokenIdCache(1, 1).longest(turn)).isNull();
    }

    @Test
    void dropsTheOldestConversationsBeyondItsEntryBound() {
        TokenIdCache cache = new TokenIdCache(2, 1000);
        cache.put(1, new int[] {1});
        cache.put(2, new int[] {2});
        cache.put(3, new int[] {3});

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.tokens()).isEqualTo(2);
    }

    @Test
    void dropsTheOldestConversationsBeyondItsTokenBoundAndNeverStoresOneLargerThanIt() {
        TokenIdCache cache = new TokenIdCache(100, 10);
        cache.put(1, new int[6]);
        cache.put(2, new int[4]);
        cache.put(3, new int[5]);
        cache.put(4, new int[11]);

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.tokens()).isEqualTo(9);
        cache.put(3, new int[1]);
        assertThat(cache.tokens()).as("a replaced entry counts once").isEqualTo(5);
    }

    @Test
    void remembersModelsWhoseTemplateIsNotRenderedMessageByMessage() {
        TokenIdCache cache = new TokenIdCache(10, 10);

        assertThat(cache.disable("m")).isTrue();
        assertThat(cache.disable("m")).isFalse();
        assertThat(cache.unstable("m")).isTrue();
        assertThat(cache.unstable("n")).isFalse();
    }

    @Test
    void refusesNonPositiveBounds() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TokenIdCache(0, 10));
        assertThatIllegalArgumentException().isThrownBy(() -> new TokenIdCache(10, 0));
    }
}

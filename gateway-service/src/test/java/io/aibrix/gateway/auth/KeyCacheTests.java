package io.aibrix.gateway.auth;

import java.time.Duration;

import io.aibrix.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Tests for {@link KeyCache}. */
class KeyCacheTests {

    private final MutableClock clock = new MutableClock();
    private final KeyCache cache = new KeyCache(clock, Duration.ofSeconds(5), Duration.ofSeconds(2), 2);

    @Test
    void remembersAResolvedKeyForItsTtl() {
        cache.put("a", KeyLookup.found(caller("alice")));

        clock.advance(Duration.ofMillis(4_999));
        assertThat(cache.fresh("a")).extracting(KeyLookup::caller).extracting(Caller::user).isEqualTo("alice");
        clock.advance(Duration.ofMillis(1));
        assertThat(cache.fresh("a")).isNull();
    }

    @Test
    void remembersAnUnknownKeyForTheNegativeTtl() {
        cache.put("a", KeyLookup.UNKNOWN);

        clock.advance(Duration.ofMillis(1_999));
        assertThat(cache.fresh("a")).isEqualTo(KeyLookup.UNKNOWN);
        clock.advance(Duration.ofMillis(1));
        assertThat(cache.fresh("a")).isNull();
    }

    @Test
    void keepsAnExpiredCallerAsStaleUntilItIsReplaced() {
        cache.put("a", KeyLookup.found(caller("alice")));
        clock.advance(Duration.ofMinutes(10));

        assertThat(cache.stale("a")).extracting(Caller::user).isEqualTo("alice");
        cache.put("a", KeyLookup.UNKNOWN);
        assertThat(cache.stale("a")).isNull();
    }

    @Test
    void evictsTheLeastRecentlyUsedBeyondItsSize() {
        cache.put("a", KeyLookup.found(caller("alice")));
        cache.put("b", KeyLookup.found(caller("bob")));
        cache.fresh("a");
        cache.put("c", KeyLookup.found(caller("carol")));

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.fresh("b")).isNull();
        assertThat(cache.fresh("a")).isNotNull();
        assertThat(cache.fresh("c")).isNotNull();
    }

    @Test
    void needsRoomForOneEntry() {
        assertThatIllegalArgumentException().isThrownBy(() -> new KeyCache(clock, Duration.ZERO, Duration.ZERO, 0));
    }

    static Caller caller(String user) {
        return new Caller(user, 60L, 100_000L, "0b5cf4a4-8f0c-4c36-9a57-1d0e1b9e5a01", "sk-aibrix-Q2x7HkP0");
    }
}

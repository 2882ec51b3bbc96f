package io.aibrix.lora.loop;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import io.aibrix.lora.reconcile.Attempt;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link AttemptLedger}. */
class AttemptLedgerTests {

    private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

    private static final Attempt.Key KEY = new Attempt.Key("sql", "e0");

    private final AttemptLedger ledger = new AttemptLedger(
            new LoopProperties.Retry(Duration.ofSeconds(5), Duration.ofSeconds(300), 5));

    @Test
    void backsOffFiveSecondsDoublingUpToFiveMinutes() {
        assertThat(ledger.backoff(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(ledger.backoff(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(ledger.backoff(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(ledger.backoff(6)).isEqualTo(Duration.ofSeconds(160));
        assertThat(ledger.backoff(7)).isEqualTo(Duration.ofSeconds(300));
        assertThat(ledger.backoff(1000)).isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void givesUpAfterTheFifthTransientFailure() {
        for (int i = 1; i <= 4; i++) {
            Attempt attempt = ledger.failed(KEY, 1, "timeout", true, NOW);
            assertThat(attempt.failures()).isEqualTo(i);
            assertThat(attempt.exhausted()).isFalse();
            assertThat(attempt.notBefore()).isEqualTo(NOW.plus(ledger.backoff(i)));
        }
        assertThat(ledger.failed(KEY, 1, "timeout", true, NOW).exhausted()).isTrue();
    }

    @Test
    void givesUpAtOnceOnAPermanentFailure() {
        Attempt attempt = ledger.failed(KEY, 1, "HTTP 400: bad", false, NOW);

        assertThat(attempt.exhausted()).isTrue();
        assertThat(attempt.failures()).isEqualTo(1);
    }

    @Test
    void startsCountingAgainForANewGeneration() {
        ledger.failed(KEY, 1, "timeout", true, NOW);
        ledger.failed(KEY, 1, "timeout", true, NOW);

        assertThat(ledger.failed(KEY, 2, "timeout", true, NOW).failures()).isEqualTo(1);
    }

    @Test
    void forgetsTriesOnSuccessAndForAdaptersNoLongerDesired() {
        ledger.failed(KEY, 1, "timeout", true, NOW);
        ledger.failed(new Attempt.Key("gone", "e0"), 1, "timeout", true, NOW);
        ledger.failed(new Attempt.Key("kept", "e0"), 1, "timeout", true, NOW);

        ledger.succeeded(KEY);
        ledger.retainAdapters(Set.of("sql", "kept"));

        assertThat(ledger.snapshot()).containsOnlyKeys(new Attempt.Key("kept", "e0"));
    }
}

package io.aibrix.lora.loop;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Tests for {@link LoopProperties}. */
class LoopPropertiesTests {

    @Test
    void refusesANonPositiveInterval() {
        assertThatIllegalArgumentException().isThrownBy(() -> new LoopProperties.Reconcile(Duration.ZERO, true, true))
                .withMessageContaining("lora.reconcile.interval");
    }

    @Test
    void refusesAMaximumBackoffShorterThanTheFirst() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new LoopProperties.Retry(Duration.ofSeconds(10), Duration.ofSeconds(5), 5))
                .withMessageContaining("lora.retry.max-backoff");
    }
}

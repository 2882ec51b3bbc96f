package io.aibrix.batch.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import io.aibrix.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

/** Tests for {@link AimdController}. */
class AimdControllerTests {

    private static final Duration FAST = Duration.ofMillis(100);

    private final MutableClock clock = new MutableClock();
    private final AimdController aimd = new AimdController(new AimdController.Settings(8, 2, 10, 4, 1, 0.5, 0.75,
            Duration.ofSeconds(5), Duration.ofSeconds(1), false), clock);
    private final AimdController slowStart = new AimdController(new AimdController.Settings(8, 2, 100, 4, 1, 0.5,
            0.75, Duration.ofSeconds(5), Duration.ofSeconds(1), true), clock);

    @Test
    void startsAtTheInitialLimit() {
        assertThat(aimd.limit()).isEqualTo(8);
    }

    @Test
    void increasesByTheStepAfterEachHealthyWindowUpToTheMaximum() {
        for (int i = 0; i < 3; i++) {
            aimd.onSuccess(FAST);
        }
        assertThat(aimd.limit()).isEqualTo(8);
        assertThat(aimd.onSuccess(FAST)).isEqualTo(9);
        for (int i = 0; i < 40; i++) {
            aimd.onSuccess(FAST);
        }
        assertThat(aimd.limit()).isEqualTo(10);
    }

    @Test
    void multipliesTheLimitDownOnOverloadOncePerCooldown() {
        assertThat(aimd.onOverload()).isEqualTo(4);
        assertThat(aimd.onOverload()).isEqualTo(4);

        clock.advance(Duration.ofSeconds(1));

        assertThat(aimd.onOverload()).isEqualTo(2);
    }

    @Test
    void neverDecreasesBelowTheMinimum() {
        for (int i = 0; i < 10; i++) {
            aimd.onOverload();
            clock.advance(Duration.ofSeconds(2));
        }
        assertThat(aimd.limit()).isEqualTo(2);
    }

    @Test
    void decreasesOnASuccessSlowerThanTheLatencyBound() {
        assertThat(aimd.onSuccess(Duration.ofSeconds(6))).isEqualTo(6);
    }

    @Test
    void dropsByAtLeastOneEvenWhenTheFactorRoundsToTheSameLimit() {
        AimdController gentle = new AimdController(new AimdController.Settings(3, 1, 10, 4, 1, 0.9, 0.9,
                Duration.ofSeconds(5), Duration.ZERO, false), clock);

        assertThat(gentle.onOverload()).isEqualTo(2);
    }

    @Test
    void restartsTheHealthyWindowAfterADecrease() {
        for (int i = 0; i < 3; i++) {
            aimd.onSuccess(FAST);
        }
        aimd.onOverload();
        for (int i = 0; i < 3; i++) {
            aimd.onSuccess(FAST);
        }
        assertThat(aimd.limit()).isEqualTo(4);
        assertThat(aimd.onSuccess(FAST)).isEqualTo(5);
    }

    @Test
    void slowStartRaisesTheLimitOnEveryHealthyResponseUpToTheMaximum() {
        for (int i = 0; i < 8; i++) {
            slowStart.onSuccess(FAST);
        }
        assertThat(slowStart.limit()).as("doubled after one round trip of 8 responses").isEqualTo(16);
        for (int i = 0; i < 200; i++) {
            slowStart.onSuccess(FAST);
        }
        assertThat(slowStart.limit()).isEqualTo(100);
    }

    @Test
    void slowStartEndsAtTheFirstOverloadAndAdditiveIncreaseFollows() {
        for (int i = 0; i < 12; i++) {
            slowStart.onSuccess(FAST);
        }
        assertThat(slowStart.onOverload()).isEqualTo(10);
        for (int i = 0; i < 3; i++) {
            slowStart.onSuccess(FAST);
        }
        assertThat(slowStart.limit()).isEqualTo(10);
        assertThat(slowStart.onSuccess(FAST)).isEqualTo(11);
    }

    @Test
    void slowStartEndsAtTheFirstSlowResponse() {
        slowStart.onSuccess(Duration.ofSeconds(6));
        clock.advance(Duration.ofSeconds(2));

        assertThat(slowStart.onSuccess(FAST)).isEqualTo(6);
    }

    @Test
    void refusesInconsistentSettings() {
        assertThatThrownBy(() -> new AimdController.Settings(1, 2, 10, 4, 1, 0.5, 0.5, FAST, FAST, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AimdController.Settings(2, 1, 10, 4, 1, 1.0, 0.5, FAST, FAST, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

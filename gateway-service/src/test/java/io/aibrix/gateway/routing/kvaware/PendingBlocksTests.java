package io.aibrix.gateway.routing.kvaware;

import java.time.Duration;

import io.aibrix.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Tests for {@link PendingBlocks}. */
class PendingBlocksTests {

    private final MutableClock clock = new MutableClock();
    private final PendingBlocks pending = new PendingBlocks(clock, Duration.ofSeconds(2), Duration.ofMinutes(1));
    private final long[] prompt = {11, 12, 13, 14};

    @Test
    void countsTheBlocksOfARequestInFlightOnItsEngineOnly() {
        pending.hold("r1", "a:8000", new long[] {11, 12});

        assertThat(pending.extend("a:8000", prompt, 0)).isEqualTo(2);
        assertThat(pending.extend("b:8000", prompt, 0)).isZero();
    }

    @Test
    void continuesTheWalkFromTheBlocksTheEngineReportedCaching() {
        pending.hold("r1", "a:8000", new long[] {11, 12, 13});

        assertThat(pending.extend("a:8000", new long[] {99, 12, 13, 14}, 1)).as("cached 1, then pending")
                .isEqualTo(3);
        assertThat(pending.extend("a:8000", new long[] {99, 98, 13}, 1)).as("stops at the first gap").isEqualTo(1);
        assertThat(pending.extend("a:8000", prompt, 4)).isEqualTo(4);
    }

    @Test
    void keepsCountingForTheGracePeriodAfterTheRequestEnds() {
        pending.hold("r1", "a:8000", prompt);
        clock.advance(Duration.ofSeconds(30));
        pending.release("r1");

        clock.advance(Duration.ofMillis(1999));
        assertThat(pending.extend("a:8000", prompt, 0)).isEqualTo(4);
        clock.advance(Duration.ofMillis(1));
        assertThat(pending.extend("a:8000", prompt, 0)).isZero();
    }

    @Test
    void aBlockHeldByTwoRequestsCountsUntilBothEnd() {
        pending.hold("r1", "a:8000", new long[] {11, 12});
        pending.hold("r2", "a:8000", new long[] {11, 12, 13});
        pending.release("r2");
        clock.advance(Duration.ofSeconds(5));

        assertThat(pending.extend("a:8000", prompt, 0)).isEqualTo(2);
        pending.release("r1");
        pending.release("r1");
        clock.advance(Duration.ofSeconds(2));
        assertThat(pending.extend("a:8000", prompt, 0)).isZero();
    }

    @Test
    void aRetriedRequestGivesUpTheBlocksOfItsFirstEngine() {
        pending.hold("r1", "a:8000", prompt);
        pending.hold("r1", "b:8000", prompt);
        clock.advance(Duration.ofSeconds(2));

        assertThat(pending.extend("a:8000", prompt, 0)).isZero();
        assertThat(pending.extend("b:8000", prompt, 0)).isEqualTo(4);
    }

    @Test
    void aRequestNeverReleasedStopsCountingAfterTheMaximumAgeAndIsSweptAway() {
        pending.hold("lost", "a:8000", prompt);
        clock.advance(Duration.ofMinutes(1));
        assertThat(pending.extend("a:8000", prompt, 0)).isZero();

        pending.hold("next", "b:8000", new long[] {21});
        assertThat(pending.extend("a:8000", prompt, 0)).as("swept, not released into a grace period").isZero();
        pending.release("next");
        clock.advance(Duration.ofSeconds(2));
        pending.hold("later", "b:8000", new long[] {31});

        assertThat(pending.size()).as("a's blocks and the released 21 are gone").isEqualTo(1);
    }

    @Test
    void refusesANegativeGraceOrANonPositiveMaximumAge() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PendingBlocks(clock, Duration.ofSeconds(-1), Duration.ofMinutes(1)));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PendingBlocks(clock, Duration.ZERO, Duration.ZERO));
    }
}

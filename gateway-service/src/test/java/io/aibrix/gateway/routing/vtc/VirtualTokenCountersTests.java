package io.aibrix.gateway.routing.vtc;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.aibrix.gateway.routing.RoutingRequest;
import io.aibrix.testsupport.MutableClock;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link VirtualTokenCounters}. */
class VirtualTokenCountersTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T12:00:00Z"));

    /** A 60 s window in 12 buckets of 5 s; unfinished requests forgotten after 2 minutes. */
    private final VirtualTokenCounters counters = new VirtualTokenCounters(clock, Duration.ofSeconds(60), 12,
            Duration.ofMinutes(2));

    @Test
    void chargesTheEstimateWhenARequestIsAdmitted() {
        counters.admit(request("r1", "alice"), "alice", 100, 200);

        assertThat(counters.counter("alice")).isEqualTo(300);
        assertThat(counters.activeUsers()).isEqualTo(1);
        assertThat(counters.inFlightRequests()).isEqualTo(1);
    }

    @Test
    void replacesTheEstimateWithWhatTheRequestReallyCost() {
        RoutingRequest request = request("r1", "alice");
        counters.admit(request, "alice", 100, 200);

        counters.settle(request, 120, 40);

        assertThat(counters.counter("alice")).isEqualTo(160);
        assertThat(counters.activeUsers()).isZero();
        assertThat(counters.inFlightRequests()).isZero();
    }

    @Test
    void keepsTheEstimateOfAPartTheEngineDidNotReport() {
        RoutingRequest request = request("r1", "alice");
        counters.admit(request, "alice", 100, 200);

        counters.settle(request, -1, 40);

        assertThat(counters.counter("alice")).isEqualTo(140);
    }

    @Test
    void chargesARetriedRequestOnce() {
        RoutingRequest request = request("r1", "alice");

        counters.admit(request, "alice", 100, 200);
        counters.admit(request, "alice", 100, 200);

        assertThat(counters.counter("alice")).isEqualTo(300);
        assertThat(counters.inFlightRequests()).isEqualTo(1);
    }

    @Test
    void chargesDistinctRequestsThatShareARequestId() {
        RoutingRequest first = request("trace-1", "alice");
        RoutingRequest second = request("trace-1", "alice");

        counters.admit(first, "alice", 100, 0);
        counters.admit(second, "alice", 10, 0);
        counters.settle(second, 1, 0);

        assertThat(counters.counter("alice")).isEqualTo(101);
        assertThat(counters.inFlightRequests()).isEqualTo(1);
    }

    @Test
    void forgetsTokensOnceTheyLeaveTheWindow() {
        RoutingRequest request = request("r1", "alice");
        counters.admit(request, "alice", 100, 200);
        counters.settle(request, 100, 200);

        clock.advance(Duration.ofSeconds(55));
        assertThat(counters.counter("alice")).isEqualTo(300);
        clock.advance(Duration.ofSeconds(10));
        assertThat(counters.counter("alice")).isZero();
    }

    @Test
    void liftsAUserWhoBecomesActiveToTheSmallestActiveCounter() {
        counters.admit(request("b1", "bob"), "bob", 500, 0);
        counters.admit(request("c1", "carol"), "carol", 800, 0);

        counters.admit(request("a1", "alice"), "alice", 10, 0);

        // Carol was lifted to bob's 500 too, so the smallest active counter is still bob's.
        assertThat(counters.counter("carol")).isEqualTo(1_300);
        assertThat(counters.counter("alice")).isEqualTo(510);
        assertThat(counters.lifts()).isEqualTo(2);
    }

    @Test
    void liftsAUserReturningAfterAWholeIdleWindow() {
        RoutingRequest early = request("a1", "alice");
        counters.admit(early, "alice", 10, 0);
        counters.settle(early, 10, 0);
        clock.advance(Duration.ofSeconds(90));
        counters.admit(request("b1", "bob"), "bob", 5_000, 0);

        counters.admit(request("a2", "alice"), "alice", 10, 0);

        assertThat(counters.counter("alice")).isEqualTo(5_010);
    }

    @Test
    void doesNotLiftAClosedLoopUserBetweenItsRequests() {
        RoutingRequest first = request("a1", "alice");
        counters.admit(first, "alice", 10, 0);
        counters.admit(request("b1", "bob"), "bob", 5_000, 0);
        counters.settle(first, 10, 0);
        clock.advance(Duration.ofSeconds(2));

        counters.admit(request("a2", "alice"), "alice", 10, 0);

        assertThat(counters.counter("alice")).isEqualTo(20);
        assertThat(counters.lifts()).as("only bob's, on his arrival").isEqualTo(1);
    }

    @Test
    void doesNotLiftWhenNobodyElseIsActive() {
        counters.admit(request("a1", "alice"), "alice", 10, 0);

        assertThat(counters.counter("alice")).isEqualTo(10);
        assertThat(counters.lifts()).isZero();
    }

    @Test
    void letsTheLiftLeaveWithTheWindow() {
        counters.admit(request("b1", "bob"), "bob", 5_000, 0);
        counters.admit(request("a1", "alice"), "alice", 10, 0);
        assertThat(counters.counter("alice")).isEqualTo(5_010);

        clock.advance(Duration.ofSeconds(61));

        assertThat(counters.counter("alice")).isZero();
    }

    @Test
    void placesUsersBetweenTheLeastServedAndTheMostServedActiveUser() {
        counters.admit(request("h1", "heavy"), "heavy", 10_000, 0);
        counters.admit(request("l1", "light"), "light", 0, 0);
        counters.admit(request("l2", "light"), "light", 0, 0);
        counters.admit(request("m1", "medium"), "medium", 0, 0);
        // All but heavy were lifted to heavy's 10,000 on arrival; charge them apart only from here on.
        clock.advance(Duration.ofSeconds(61));
        counters.admit(request("h2", "heavy"), "heavy", 10_000, 0);
        counters.admit(request("l3", "light"), "light", 100, 0);
        counters.admit(request("m2", "medium"), "medium", 5_000, 0);

        assertThat(counters.position("light")).isZero();
        assertThat(counters.position("medium")).isCloseTo(0.49, Offset.offset(1e-9));
        assertThat(counters.position("heavy")).isCloseTo(0.99, Offset.offset(1e-9));
        assertThat(counters.spread()).isEqualTo(9_900);
    }

    @Test
    void placesAUserAtZeroWhenNoOtherUserIsActive() {
        counters.admit(request("h1", "heavy"), "heavy", 10_000, 0);

        assertThat(counters.position("heavy")).isZero();
        assertThat(counters.position("nobody-yet")).isZero();
    }

    @Test
    void previewsTheLiftWithoutApplyingIt() {
        counters.admit(request("h1", "heavy"), "heavy", 10_000, 0);
        counters.admit(request("l1", "light"), "light", 100, 0);
        clock.advance(Duration.ofSeconds(61));
        counters.admit(request("h2", "heavy"), "heavy", 10_000, 0);
        counters.admit(request("l2", "light"), "light", 100, 0);

        // A new user would start at light's 100, the smallest active counter.
        assertThat(counters.position("newcomer")).isZero();
        assertThat(counters.position("heavy")).isCloseTo(0.99, Offset.offset(1e-9));
        assertThat(counters.counter("newcomer")).isZero();
        assertThat(counters.lifts()).isEqualTo(1);
    }

    @Test
    void forgetsRequestsNeverReportedFinishedAndThenIdleUsers() {
        counters.admit(request("a1", "alice"), "alice", 100, 0);
        clock.advance(Duration.ofMinutes(3));

        counters.sweep();
        assertThat(counters.inFlightRequests()).isZero();
        assertThat(counters.activeUsers()).isZero();
        assertThat(counters.trackedUsers()).isZero();
    }

    @Test
    void keepsUsersWhoseWindowStillHoldsTokens() {
        RoutingRequest request = request("a1", "alice");
        counters.admit(request, "alice", 100, 0);
        counters.settle(request, 100, 0);

        counters.sweep();

        assertThat(counters.trackedUsers()).isEqualTo(1);
        assertThat(counters.counter("alice")).isEqualTo(100);
    }

    @Test
    void ignoresSettlingARequestItNeverAdmitted() {
        counters.settle(request("r9", "alice"), 100, 100);

        assertThat(counters.counter("alice")).isZero();
        assertThat(counters.trackedUsers()).isZero();
    }

    static RoutingRequest request(String id, String user) {
        return new RoutingRequest(id, "m", "hello", 10, 20, true, user, Map.of());
    }
}

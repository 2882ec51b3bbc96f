package io.aibrix.gateway.routing.vtc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.enginestats.EngineMetrics;
import io.aibrix.gateway.routing.Candidate;
import io.aibrix.gateway.routing.RoutingRequest;
import io.aibrix.testsupport.MutableClock;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link VtcRoutingStrategy}. */
class VtcRoutingStrategyTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T12:00:00Z"));

    private final VtcProperties properties = VtcProperties.defaults();

    private final VirtualTokenCounters counters = new VirtualTokenCounters(clock, properties.window(),
            properties.windowBuckets(), properties.forgetUnfinishedAfter());

    private final VtcRoutingStrategy strategy = new VtcRoutingStrategy(counters, properties);

    @Test
    void scoresByDistanceFromTheUsersPlaceInTheLoadOrderPlusLoadInUnitsOfTheMean() {
        List<Candidate> candidates = List.of(candidate("A", 0), candidate("B", 3), candidate("C", 6));

        // Nobody else active: position 0. Mean load 3, so the load unit is 4.
        assertThat(strategy.scoreAll(request("r1", "alice", 10, 10), candidates))
            .containsExactly(new double[] { 0, 0.5 + 0.75, 1 + 1.5 }, Offset.offset(1e-9));
    }

    @Test
    void routesLikeLeastRequestWithoutAUser() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 500; trial++) {
            List<Candidate> candidates = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(6); i++) {
                candidates.add(candidate("10.0.0." + i, random.nextInt(5)));
            }
            Candidate leastLoaded = candidates.get(0);
            for (Candidate candidate : candidates) {
                if (candidate.inFlight() < leastLoaded.inFlight()) {
                    leastLoaded = candidate;
                }
            }

            assertThat(strategy.route(request("r" + trial, null, 10, 10), candidates).target())
                .isEqualTo(leastLoaded.endpoint());
        }
    }

    @Test
    void sendsTheLeastServedUserToTheLeastLoadedPodAndConsolidatesTheMostServedOne() {
        admitted("heavy", 50_000);
        admitted("light", 0);
        clock.advance(Duration.ofSeconds(61)); // let light's lift to heavy's counter leave the window
        admitted("heavy", 50_000);
        admitted("light", 500);
        List<Candidate> candidates = List.of(candidate("A", 1), candidate("B", 3), candidate("C", 2));

        // Mean 2, unit 3. heavy (position 0.99): A 0.99 + 1/3, B 0.01 + 1, C 0.49 + 2/3.
        assertThat(strategy.route(request("l", "light", 10, 10), candidates).target().host()).isEqualTo("A");
        assertThat(strategy.route(request("h", "heavy", 10, 10), candidates).target().host()).isEqualTo("B");
    }

    @Test
    void spillsTheMostServedUserOverOnceTheBusiestPodCarriesMoreThanOneMeanLoadExtra() {
        admitted("heavy", 50_000);
        admitted("light", 0);
        clock.advance(Duration.ofSeconds(61));
        admitted("heavy", 50_000);
        admitted("light", 0);

        // Mean 3, unit 4: B leads A by 6 = 1.5 units, more than the fairness term's 1 between their ranks, and C
        // (rank 0.5) gains only 0.5 for 0.75 units of load.
        List<Candidate> candidates = List.of(candidate("A", 0), candidate("B", 6), candidate("C", 3));

        assertThat(counters.position("heavy")).isEqualTo(1.0);
        assertThat(strategy.route(request("h", "heavy", 10, 10), candidates).target().host()).isEqualTo("A");
    }

    @Test
    void chargesPromptTokensOnceAndExpectedOutputTokensTwice() {
        RoutingRequest request = request("r1", "alice", 100, 50);

        strategy.afterRoute(request, candidate("A", 0), new HashMap<>());

        assertThat(counters.counter("alice")).isEqualTo(100 + 2 * 50);
    }

    @Test
    void expectsTheDefaultOutputWithoutMaxTokensAndCapsLargeMaxTokens() {
        assertThat(strategy.expectedOutputTokens(request("r1", "alice", 100, -1))).isEqualTo(256);
        assertThat(strategy.expectedOutputTokens(request("r2", "alice", 100, 5_000))).isEqualTo(1024);
        assertThat(strategy.expectedOutputTokens(request("r3", "alice", 100, 7))).isEqualTo(7);
    }

    @Test
    void replacesTheEstimateWithTheReportedUsageOnFinish() {
        RoutingRequest request = request("r1", "alice", 100, 50);
        strategy.afterRoute(request, candidate("A", 0), new HashMap<>());

        strategy.onFinished(request, endpoint("A"), 80, 30, true);

        assertThat(counters.counter("alice")).isEqualTo(80 + 2 * 30);
        assertThat(counters.activeUsers()).isZero();
    }

    @Test
    void keepsTheEstimateOfASuccessWithoutUsageButChargesAFailureOnlyItsPrompt() {
        RoutingRequest success = request("r1", "alice", 100, 50);
        RoutingRequest failure = request("r2", "bob", 100, 50);

        strategy.afterRoute(success, candidate("A", 0), new HashMap<>());
        strategy.onFinished(success, endpoint("A"), -1, -1, true);
        strategy.afterRoute(failure, candidate("A", 0), new HashMap<>());
        strategy.onFinished(failure, endpoint("A"), -1, -1, false);

        assertThat(counters.counter("alice")).isEqualTo(200);
        assertThat(counters.counter("bob")).isEqualTo(100);
    }

    @Test
    void countsNothingForRequestsWithoutAUser() {
        RoutingRequest request = request("r1", " ", 100, 50);

        strategy.afterRoute(request, candidate("A", 0), new HashMap<>());
        strategy.onFinished(request, endpoint("A"), 100, 50, true);

        assertThat(counters.trackedUsers()).isZero();
    }

    /**
     * One heavy user (long prompts, 8 requests a second, 3 s each) and two light users (short prompts, 2 requests a
     * second each, 0.5 s each) on three pods for a simulated minute: the light users' requests must land on pods with
     * clearly fewer requests in flight than the heavy user's.
     */
    @Test
    void routesLightUsersToLessLoadedPodsThanHeavyUsersUnderMixedLoad() {
        SplittableRandom random = new SplittableRandom(42);
        Map<String, Integer> inFlight = new HashMap<>(Map.of("A", 0, "B", 0, "C", 0));
        PriorityQueue<Running> running = new PriorityQueue<>((a, b) -> a.endsAt().compareTo(b.endsAt()));
        Map<String, List<Integer>> chosenLoad = new HashMap<>();
        Instant warm = clock.instant().plusSeconds(5);
        int sequence = 0;
        for (int tick = 0; tick < 600; tick++) {
            clock.advance(Duration.ofMillis(100));
            while (!running.isEmpty() && !running.peek().endsAt().isAfter(clock.instant())) {
                Running done = running.poll();
                inFlight.merge(done.pod(), -1, Integer::sum);
                strategy.onFinished(done.request(), endpoint(done.pod()), done.request().promptTokens(),
                        done.request().maxTokens(), true);
            }
            List<RoutingRequest> arrivals = new ArrayList<>();
            if (random.nextDouble() < 0.8) {
                arrivals.add(request("h" + sequence++, "heavy", 2_000, 200));
            }
            for (String light : List.of("light-1", "light-2")) {
                if (random.nextDouble() < 0.2) {
                    arrivals.add(request("l" + sequence++, light, 100, 50));
                }
            }
            Collections.shuffle(arrivals, random);
            for (RoutingRequest request : arrivals) {
                List<Candidate> candidates = new ArrayList<>();
                inFlight.forEach((pod, count) -> candidates.add(candidate(pod, count)));
                Collections.shuffle(candidates, random);
                Candidate chosen = byEndpoint(candidates, strategy.route(request, candidates).target());
                strategy.afterRoute(request, chosen, new HashMap<>());
                if (clock.instant().isAfter(warm)) {
                    chosenLoad.computeIfAbsent(request.user().startsWith("light") ? "light" : "heavy",
                            key -> new ArrayList<>()).add(chosen.inFlight());
                }
                String pod = chosen.endpoint().host();
                inFlight.merge(pod, 1, Integer::sum);
                Duration lasts = request.user().equals("heavy") ? Duration.ofSeconds(3) : Duration.ofMillis(500);
                running.add(new Running(request, pod, clock.instant().plus(lasts)));
            }
        }

        double light = mean(chosenLoad.get("light"));
        double heavy = mean(chosenLoad.get("heavy"));
        assertThat(chosenLoad.get("light")).hasSizeGreaterThan(150);
        // Seeded, so deterministic: light 5.2 against heavy 8.9 (least-request would give both the same).
        assertThat(light).isLessThan(0.7 * heavy);
    }

    private void admitted(String user, long tokens) {
        counters.admit(request(user + "-" + counters.counter(user) + "-" + clock.millis(), user, 0, 0), user, tokens,
                0);
    }

    private static Candidate byEndpoint(List<Candidate> candidates, Endpoint target) {
        return candidates.stream().filter(c -> c.endpoint().equals(target)).findFirst().orElseThrow();
    }

    private static double mean(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).average().orElseThrow();
    }

    private static Candidate candidate(String host, int inFlight) {
        return new Candidate(endpoint(host), inFlight, EngineMetrics.unknown());
    }

    private static Endpoint endpoint(String host) {
        return Endpoint.of(host, 8000);
    }

    private static RoutingRequest request(String id, String user, int promptTokens, int maxTokens) {
        return new RoutingRequest(id, "m", "hello", promptTokens, maxTokens, true, user, Map.of());
    }

    private record Running(RoutingRequest request, String pod, Instant endsAt) {
    }
}

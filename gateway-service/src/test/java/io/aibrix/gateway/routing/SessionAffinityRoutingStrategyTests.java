package io.aibrix.gateway.routing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.aibrix.gateway.routing.RoutingFixtures.candidate;
import static io.aibrix.gateway.routing.RoutingFixtures.host;
import static io.aibrix.gateway.routing.RoutingFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link SessionAffinityRoutingStrategy}. */
class SessionAffinityRoutingStrategyTests {

    private static final Candidate A = candidate("10.0.0.1", 0);

    private static final Candidate B = candidate("10.0.0.2", 0);

    private static final Candidate C = candidate("10.0.0.3", 0);

    /** Strategy that fails on any random draw: every test here except the fallbacks must be deterministic. */
    private final SessionAffinityRoutingStrategy strategy = new SessionAffinityRoutingStrategy(
            new RoutingFixtures.ScriptedRandom());

    @Test
    void routesToPodNamedBySessionId() {
        RoutingRequest request = request(Map.of("x-session-id", encode("10.0.0.2:8000")));

        assertThat(host(strategy.route(request, List.of(A, B, C)))).isEqualTo("10.0.0.2");
    }

    @Test
    void sessionIdTakesPrecedenceOverSessionKey() {
        RoutingRequest request = request(
                Map.of("x-session-id", encode("10.0.0.2:8000"), "x-aibrix-session-key", "agent-session-42"));

        assertThat(host(strategy.route(request, List.of(A, B, C)))).isEqualTo("10.0.0.2");
    }

    @Test
    void fallsThroughToSessionKeyOnInvalidBase64() {
        RoutingRequest request = request(
                Map.of("x-session-id", "%%%INVALID_BASE64%%%", "x-aibrix-session-key", "agent-session-42"));

        assertThat(host(strategy.route(request, List.of(A, B, C)))).isEqualTo("10.0.0.3");
    }

    @Test
    void fallsThroughToSessionKeyWhenPinnedPodIsGone() {
        RoutingRequest request = request(
                Map.of("x-session-id", encode("10.99.99.99:8000"), "x-aibrix-session-key", "agent-session-42"));

        assertThat(host(strategy.route(request, List.of(A, B, C)))).isEqualTo("10.0.0.3");
    }

    @Test
    void mapsSessionKeyToHighestUnsignedRendezvousScoreWhateverTheOrder() {
        // FNV-1a-64(key, 0, address), computed independently: for "agent-session-42" 10.0.0.3 scores 0xdd52...,
        // which only wins when compared unsigned; for "user-7" 10.0.0.1 scores 0xf916....
        RoutingRequest agent = request(Map.of("x-aibrix-session-key", "agent-session-42"));
        RoutingRequest user = request(Map.of("x-aibrix-session-key", "user-7"));

        for (List<Candidate> order : List.of(List.of(A, B, C), List.of(C, A, B), List.of(B, C, A))) {
            assertThat(host(strategy.route(agent, order))).isEqualTo("10.0.0.3");
            assertThat(host(strategy.route(user, order))).isEqualTo("10.0.0.1");
        }
        assertThat(SessionAffinityRoutingStrategy.rendezvousScore(
                "agent-session-42".getBytes(StandardCharsets.UTF_8), "10.0.0.3:8000")).isEqualTo(0xdd52641be19fdc48L);
    }

    @Test
    void movesOnlyTheSessionsOfAPodThatLeaves() {
        RoutingRequest agent = request(Map.of("x-aibrix-session-key", "agent-session-42"));
        RoutingRequest user = request(Map.of("x-aibrix-session-key", "user-7"));

        // 10.0.0.1 leaves: the agent stays on 10.0.0.3, the user moves to its next-best pod.
        assertThat(host(strategy.route(agent, List.of(B, C)))).isEqualTo("10.0.0.3");
        assertThat(host(strategy.route(user, List.of(B, C)))).isEqualTo("10.0.0.3");
    }

    @Test
    void acceptsSessionKeyOfExactly256Bytes() {
        RoutingRequest request = request(Map.of("x-aibrix-session-key", "k".repeat(256)));

        assertThat(host(strategy.route(request, List.of(A, B, C)))).isIn("10.0.0.1", "10.0.0.2", "10.0.0.3");
    }

    @Test
    void ignoresOversizedOrEmptySessionKeyAndRoutesRandomly() {
        SessionAffinityRoutingStrategy random = new SessionAffinityRoutingStrategy(
                new RoutingFixtures.ScriptedRandom(1, 2));

        assertThat(host(random.route(request(Map.of("x-aibrix-session-key", "k".repeat(257))), List.of(A, B, C))))
            .isEqualTo("10.0.0.2");
        assertThat(host(random.route(request(Map.of("x-aibrix-session-key", "")), List.of(A, B, C))))
            .isEqualTo("10.0.0.3");
    }

    @Test
    void routesRandomlyWithoutSessionHeaders() {
        SessionAffinityRoutingStrategy random = new SessionAffinityRoutingStrategy(
                new RoutingFixtures.ScriptedRandom(0));

        assertThat(host(random.route(request(), List.of(B, C)))).isEqualTo("10.0.0.2");
    }

    @Test
    void answersSessionIdOfTheFinalPod() {
        Map<String, String> headers = new HashMap<>();
        RoutingRequest pinnedElsewhere = request(Map.of("x-session-id", encode("10.0.0.1:8000")));

        strategy.afterRoute(pinnedElsewhere, B, headers);

        assertThat(headers).containsExactly(Map.entry("x-session-id", encode("10.0.0.2:8000")));
    }

    @Test
    void scoresOneForTheAffinePodAndZeroForTheOthers() {
        RoutingRequest pinned = request(Map.of("x-session-id", encode("10.0.0.1:8000")));
        RoutingRequest keyed = request(Map.of("x-aibrix-session-key", "agent-session-42"));

        assertThat(strategy.scoreAll(pinned, List.of(A, B, C))).containsExactly(1, 0, 0);
        assertThat(strategy.scoreAll(keyed, List.of(A, B, C))).containsExactly(0, 0, 1);
        assertThat(strategy.scoreAll(request(), List.of(A, B, C))).containsExactly(0, 0, 0);
        assertThat(strategy.polarity()).isEqualTo(PodScorer.Polarity.HIGHER_IS_BETTER);
    }

    private static String encode(String address) {
        return Base64.getEncoder().encodeToString(address.getBytes(StandardCharsets.UTF_8));
    }
}

package io.aibrix.gateway.routing;

import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * {@code power-of-two}: draws two distinct candidates at random and takes the one with fewer in-flight requests
 * (the first drawn on a tie). Not a {@link PodScorer}: its choice is a random draw, not a ranking.
 */
final class PowerOfTwoRoutingStrategy implements RoutingStrategy {

    static final String NAME = "power-of-two";

    private final RandomGenerator random;

    PowerOfTwoRoutingStrategy(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decision route(RoutingRequest request, List<Candidate> candidates) {
        int n = candidates.size();
        if (n == 1) {
            return Decision.of(candidates.get(0).endpoint());
        }
        int first = random.nextInt(n);
        int second = random.nextInt(n - 1);
        if (second >= first) {
            second++;
        }
        Candidate a = candidates.get(first);
        Candidate b = candidates.get(second);
        return Decision.of((b.inFlight() < a.inFlight() ? b : a).endpoint());
    }
}

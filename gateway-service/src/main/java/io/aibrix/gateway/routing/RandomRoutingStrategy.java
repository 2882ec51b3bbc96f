package io.aibrix.gateway.routing;

import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/** {@code random}: every candidate equally likely. Not a {@link PodScorer}: it has no preference to weigh. */
final class RandomRoutingStrategy implements RoutingStrategy {

    static final String NAME = "random";

    private final RandomGenerator random;

    RandomRoutingStrategy(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decision route(RoutingRequest request, List<Candidate> candidates) {
        return Decision.of(candidates.get(random.nextInt(candidates.size())).endpoint());
    }
}

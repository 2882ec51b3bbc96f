package io.aibrix.benchmark.client;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.aibrix.benchmark.workload.RandomStreams;

/** Chooses the target of each request. */
public final class TargetSelector {

    private final List<Target> targets;
    private final TargetPolicy policy;
    private final RandomStreams streams;
    private final AtomicLong sequence = new AtomicLong();

    public TargetSelector(List<Target> targets, TargetPolicy policy, long seed) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("at least one target is required");
        }
        this.targets = List.copyOf(targets);
        this.policy = policy;
        this.streams = new RandomStreams(seed);
    }

    public List<Target> targets() {
        return targets;
    }

    public Target select(long requestId) {
        if (targets.size() == 1) {
            return targets.getFirst();
        }
        int index = switch (policy) {
            case RANDOM -> streams.stream("target", requestId).nextInt(targets.size());
            case ROUND_ROBIN -> (int) Math.floorMod(sequence.getAndIncrement(), (long) targets.size());
        };
        return targets.get(index);
    }
}

package io.aibrix.benchmark.client;

/** How the client spreads requests over several directly addressed engines. */
public enum TargetPolicy {

    /** Uniform, derived from the seed and the request id, so the same run hits the same engines. */
    RANDOM("random"),
    /** In send order. */
    ROUND_ROBIN("round-robin");

    private final String label;

    TargetPolicy(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}

package io.aibrix.benchmark;

/** The {@code --workload} choices. */
enum WorkloadKind {

    POISSON("poisson"),
    SHARED_PREFIX("shared-prefix"),
    MULTI_TURN("multi-turn"),
    TRACE("trace");

    private final String label;

    WorkloadKind(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}

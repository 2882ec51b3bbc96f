package io.aibrix.benchmark;

/** The {@code --group-distribution} choices. */
enum GroupDistribution {

    UNIFORM("uniform"),
    ZIPF("zipf");

    private final String label;

    GroupDistribution(String label) {
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

package io.aibrix.benchmark.routing;

/**
 * One acceptance check of the issue evaluated on the mean of seeds: {@code measured} states the values it compared,
 * {@code status} is {@link Status#NOT_RUN} when a strategy or scenario it needs was not measured.
 */
record CheckResult(String scenario, String check, String measured, Status status) {

    enum Status {
        PASS("pass"),
        FAIL("FAIL"),
        NOT_RUN("not run");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    boolean passed() {
        return status == Status.PASS;
    }
}

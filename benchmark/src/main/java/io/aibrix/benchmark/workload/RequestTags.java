package io.aibrix.benchmark.workload;

/**
 * Workload coordinates of a request, for slicing results. Each field is null when the workload has no such notion:
 * {@code group} for shared-prefix, {@code session} and {@code turn} (0-based) for multi-turn, {@code userClass}
 * (e.g. {@code light}) for user-classes.
 */
public record RequestTags(Integer group, Integer session, Integer turn, String userClass) {

    public static final RequestTags NONE = new RequestTags(null, null, null, null);

    public static RequestTags group(int group) {
        return new RequestTags(group, null, null, null);
    }

    public static RequestTags turn(int session, int turn) {
        return new RequestTags(null, session, turn, null);
    }

    public static RequestTags userClass(String userClass) {
        return new RequestTags(null, null, null, userClass);
    }
}

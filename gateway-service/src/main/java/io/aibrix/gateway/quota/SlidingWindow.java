package io.aibrix.gateway.quota;

import java.time.Duration;

/**
 * The sliding-window counter over two fixed windows (Cloudflare's rate-limiting counter). Time is cut into fixed
 * windows of length W; each keeps one count. At time t, a fraction f into the current window, the usage of the last W
 * is estimated as {@code previous x (1 - f) + current}: the previous window's count is assumed spread evenly over it.
 * A charge of {@code a} is admitted when {@code estimate + a <= limit}.
 *
 * <p>Why this one: two integers per window and key, one atomic script per admission, no burst of 2 x limit across a
 * window boundary (the fixed window's flaw), and, unlike a log of timestamps, memory independent of the rate. What is
 * admitted inside any fixed window never exceeds the limit, because the estimate is never below the current count.
 *
 * <p>Plain arithmetic on millisecond timestamps; the caller supplies the time.
 */
final class SlidingWindow {

    /** Slack for floating-point error in the weighted estimate; the Redis script uses the same. */
    static final double EPSILON = 1e-9;

    private final long windowMillis;

    SlidingWindow(Duration window) {
        if (window.toMillis() < 1) {
            throw new IllegalArgumentException("window must be at least 1ms, got " + window);
        }
        this.windowMillis = window.toMillis();
    }

    long windowMillis() {
        return windowMillis;
    }

    /** The number of the fixed window {@code nowMillis} falls in. */
    long index(long nowMillis) {
        return Math.floorDiv(nowMillis, windowMillis);
    }

    /** The weight {@code 1 - f} of the previous window's count: the share of it the sliding window still covers. */
    double previousWeight(long nowMillis) {
        return 1.0 - (double) Math.floorMod(nowMillis, windowMillis) / windowMillis;
    }

    static double estimate(long previous, long current, double previousWeight) {
        return previous * previousWeight + current;
    }

    static boolean fits(long previous, long current, double previousWeight, long amount, long limit) {
        return estimate(previous, current, previousWeight) + amount <= limit + EPSILON;
    }

    /** What is left of {@code limit} after the estimate, rounded down, never negative. */
    static long remaining(long previous, long current, double previousWeight, long limit) {
        return Math.max(0, (long) Math.floor(limit - estimate(previous, current, previousWeight) + EPSILON));
    }

    /**
     * Milliseconds until {@code amount} more fits, if nothing else is counted meanwhile: 0 if it fits now, -1 if it
     * never can ({@code amount > limit}).
     */
    long retryAfterMillis(long previous, long current, long amount, long limit, long nowMillis) {
        if (amount > limit) {
            return -1;
        }
        long into = Math.floorMod(nowMillis, windowMillis);
        if (fits(previous, current, previousWeight(nowMillis), amount, limit)) {
            return 0;
        }
        if (current + amount <= limit) {
            // Later in this window: previous x (1 - f) must shrink to what current and amount leave free.
            long neededInto = ceilFraction(1.0 - (double) (limit - amount - current) / previous);
            return Math.max(1, neededInto - into);
        }
        // Not in this window: the next one starts with current as its previous count.
        long rest = windowMillis - into;
        return rest + ceilFraction(1.0 - (double) (limit - amount) / current);
    }

    /** Milliseconds until the estimate is back to zero, if nothing else is counted meanwhile. */
    long resetMillis(long previous, long current, long nowMillis) {
        long rest = windowMillis - Math.floorMod(nowMillis, windowMillis);
        if (current > 0) {
            return rest + windowMillis;
        }
        return previous > 0 ? rest : 0;
    }

    private long ceilFraction(double fraction) {
        return (long) Math.ceil(Math.max(0.0, fraction) * windowMillis - EPSILON * windowMillis);
    }
}

package io.aibrix.gateway.routing.vtc;

import java.util.Arrays;

/**
 * A sliding-window sum of weighted tokens: a ring of buckets, each {@code bucketMillis} wide, of which the newest
 * {@code buckets} count. A charge therefore counts for between {@code (buckets - 1) × bucketMillis} and
 * {@code buckets × bucketMillis} after it was made. Time that runs backwards is treated as no time passing.
 *
 * <p>Not thread-safe: its owner serialises access.
 */
final class TokenWindow {

    private final long[] slots;

    private final long bucketMillis;

    /** Absolute number of the newest bucket ({@code millis / bucketMillis}); no bucket before the first charge. */
    private long head = Long.MIN_VALUE;

    private long total;

    TokenWindow(int buckets, long bucketMillis) {
        if (buckets < 1 || bucketMillis < 1) {
            throw new IllegalArgumentException("buckets and bucketMillis must be positive");
        }
        this.slots = new long[buckets];
        this.bucketMillis = bucketMillis;
    }

    /** The tokens charged inside the window ending at {@code nowMillis}. */
    long total(long nowMillis) {
        advance(nowMillis);
        return total;
    }

    /**
     * Adds {@code amount} (not negative) at {@code nowMillis}.
     *
     * @return the bucket charged, for {@link #correct}
     */
    long charge(long nowMillis, long amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("amount must not be negative: " + amount);
        }
        advance(nowMillis);
        slots[slot(head)] += amount;
        total += amount;
        return head;
    }

    /**
     * Replaces {@code charged} tokens of {@code bucket} by {@code actual} (not negative) in place, if that bucket is
     * still inside the window; otherwise charges {@code actual} now.
     */
    void correct(long bucket, long charged, long actual, long nowMillis) {
        if (actual < 0) {
            throw new IllegalArgumentException("actual must not be negative: " + actual);
        }
        advance(nowMillis);
        if (bucket > head || bucket <= head - slots.length) {
            charge(nowMillis, actual);
            return;
        }
        int slot = slot(bucket);
        long taken = Math.min(Math.max(charged, 0), slots[slot]);
        slots[slot] += actual - taken;
        total += actual - taken;
    }

    private void advance(long nowMillis) {
        long now = Math.floorDiv(nowMillis, bucketMillis);
        if (head == Long.MIN_VALUE) {
            head = now;
            return;
        }
        if (now <= head) {
            return;
        }
        if (now - head >= slots.length) {
            Arrays.fill(slots, 0);
            total = 0;
        }
        else {
            for (long bucket = head + 1; bucket <= now; bucket++) {
                int slot = slot(bucket);
                total -= slots[slot];
                slots[slot] = 0;
            }
        }
        head = now;
    }

    private int slot(long bucket) {
        return (int) Math.floorMod(bucket, (long) slots.length);
    }
}

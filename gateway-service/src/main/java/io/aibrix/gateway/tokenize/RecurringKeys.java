package io.aibrix.gateway.tokenize;

import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Prefix keys seen in earlier requests, so a prefix is learnt once it recurs (a second request shares it) rather than
 * for every request, and claims on the prefixes being learnt, so each is learnt by one request at a time. Bounded:
 * the oldest seen keys are forgotten first. Lock-free; the bound may be exceeded briefly under concurrent inserts.
 */
final class RecurringKeys {

    private final Set<Long> seen = ConcurrentHashMap.newKeySet();
    private final Queue<Long> order = new ConcurrentLinkedQueue<>();
    private final Set<Long> learning = ConcurrentHashMap.newKeySet();
    private final int maxSeen;

    RecurringKeys(int maxSeen) {
        if (maxSeen < 1) {
            throw new IllegalArgumentException("maxSeen must be positive");
        }
        this.maxSeen = maxSeen;
    }

    boolean seen(long key) {
        return seen.contains(key);
    }

    void see(long key) {
        if (seen.add(key)) {
            order.add(key);
            while (seen.size() > maxSeen) {
                Long oldest = order.poll();
                if (oldest == null) {
                    break;
                }
                seen.remove(oldest);
            }
        }
    }

    /** Claims the learning of {@code key}; false when another request is learning it. */
    boolean claim(long key) {
        return learning.add(key);
    }

    /** Ends a claim, learnt or not. */
    void release(long key) {
        learning.remove(key);
    }
}

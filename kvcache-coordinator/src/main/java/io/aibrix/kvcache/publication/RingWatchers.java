package io.aibrix.kvcache.publication;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.aibrix.kvcache.membership.RingListener;
import io.aibrix.kvcache.ring.Ring;

/**
 * Long-poll watches waiting for a cluster's ring to pass a version. Holds callbacks, not threads: the servlet thread
 * is released as soon as the watch is parked, and the ring change completes it.
 */
final class RingWatchers implements RingListener {

    private final Map<String, List<Waiter>> waiting = new HashMap<>();

    /** The newest ring each listener call brought; a caller's ring read before a change may be older. */
    private final Map<String, Ring> latest = new HashMap<>();

    /**
     * Calls {@code onRing} once the ring of {@code cluster} has a version above {@code afterVersion}: at once when
     * {@code current} already has, else on the change. Returns a handle that removes the waiter (on timeout).
     */
    synchronized Runnable await(String cluster, Ring current, long afterVersion, Consumer<Ring> onRing) {
        Ring newest = latest.getOrDefault(cluster, current);
        if (current.version() > newest.version()) {
            newest = current;
        }
        if (newest.version() > afterVersion) {
            onRing.accept(newest);
            return () -> { };
        }
        Waiter waiter = new Waiter(afterVersion, onRing);
        waiting.computeIfAbsent(cluster, name -> new ArrayList<>()).add(waiter);
        return () -> remove(cluster, waiter);
    }

    @Override
    public void ringChanged(String cluster, Ring ring) {
        List<Waiter> ready = new ArrayList<>();
        synchronized (this) {
            latest.merge(cluster, ring, (old, fresh) -> fresh.version() >= old.version() ? fresh : old);
            List<Waiter> waiters = waiting.get(cluster);
            if (waiters == null) {
                return;
            }
            waiters.removeIf(waiter -> {
                if (ring.version() > waiter.afterVersion()) {
                    ready.add(waiter);
                    return true;
                }
                return false;
            });
        }
        ready.forEach(waiter -> waiter.onRing().accept(ring));
    }

    synchronized int waiting(String cluster) {
        return waiting.getOrDefault(cluster, List.of()).size();
    }

    private synchronized void remove(String cluster, Waiter waiter) {
        List<Waiter> waiters = waiting.get(cluster);
        if (waiters != null) {
            waiters.remove(waiter);
        }
    }

    private record Waiter(long afterVersion, Consumer<Ring> onRing) {
    }
}

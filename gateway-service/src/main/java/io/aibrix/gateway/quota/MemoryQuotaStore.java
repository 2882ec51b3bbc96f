package io.aibrix.gateway.quota;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

/**
 * Window counts in this replica's memory, for a gateway without Redis. One monitor guards them all; it is held for a
 * few arithmetic steps per charge. Scopes idle for two windows are swept out every {@value #SWEEP_EVERY} admissions.
 */
final class MemoryQuotaStore implements QuotaStore {

    private static final int SWEEP_EVERY = 4096;

    private final Map<String, Counter> counters = new HashMap<>();
    private int sinceSweep;

    @Override
    public Mono<Counts> admit(List<Charge> charges, long nowMillis) {
        return Mono.just(admitNow(charges, nowMillis));
    }

    synchronized Counts admitNow(List<Charge> charges, long nowMillis) {
        if (++sinceSweep >= SWEEP_EVERY) {
            sinceSweep = 0;
            counters.values().removeIf(counter -> counter.index < counter.window.index(nowMillis) - 1);
        }
        int n = charges.size();
        long[] previous = new long[n];
        long[] current = new long[n];
        Counter[] used = new Counter[n];
        boolean admitted = true;
        for (int i = 0; i < n; i++) {
            Charge charge = charges.get(i);
            Counter counter = counters.computeIfAbsent(charge.scope(), scope -> new Counter(charge.window()));
            counter.roll(charge.window().index(nowMillis));
            used[i] = counter;
            previous[i] = counter.previous;
            current[i] = counter.current;
            admitted &= SlidingWindow.fits(counter.previous, counter.current,
                    charge.window().previousWeight(nowMillis), charge.amount(), charge.limit());
        }
        if (admitted) {
            for (int i = 0; i < n; i++) {
                used[i].current += charges.get(i).amount();
            }
        }
        return new Counts(admitted, previous, current);
    }

    @Override
    public synchronized void adjust(List<Adjustment> adjustments) {
        for (Adjustment adjustment : adjustments) {
            Counter counter = counters.get(adjustment.scope());
            if (counter == null) {
                continue;
            }
            if (counter.index == adjustment.windowIndex()) {
                counter.current = Math.max(0, counter.current + adjustment.delta());
            }
            else if (counter.index == adjustment.windowIndex() + 1) {
                counter.previous = Math.max(0, counter.previous + adjustment.delta());
            }
        }
    }

    @Override
    public void close() {
    }

    /** The two windows of one scope. */
    private static final class Counter {

        private final SlidingWindow window;
        private long index = Long.MIN_VALUE;
        private long previous;
        private long current;

        Counter(SlidingWindow window) {
            this.window = window;
        }

        void roll(long now) {
            if (now == index) {
                return;
            }
            previous = now == index + 1 ? current : 0;
            current = 0;
            index = now;
        }
    }
}

package io.aibrix.gateway.routing.vtc;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.aibrix.gateway.routing.RoutingRequest;

import org.springframework.lang.Nullable;

/**
 * Per-user virtual token counters (Sheng et al., "Fairness in Serving Large Language Models", OSDI'24), kept over a
 * sliding window, plus which users have requests in flight through this gateway ("active" users: the paper's clients
 * with queued requests).
 *
 * <p>Amounts are weighted tokens (the caller applies the input and output weights). A routed request is charged an
 * estimate at once ({@link #admit}); when it ends its estimate is replaced in place by what the engine reported
 * ({@link #settle}), or, if the estimate has already left the window, the actual amount is charged at that moment.
 *
 * <p><b>Counter lift.</b> A user who becomes active with an empty window (new, or idle for a whole window) starts at
 * the smallest counter among the active users instead of 0, so idleness is not banked as credit over users who kept
 * being served. The lift is a charge at that moment and leaves the window like any other. Unlike the paper, a user is
 * not lifted merely because it had nothing in flight for a moment: a closed-loop client is idle between every response
 * and its next request, and lifting it each time to whoever else is active would erase the very difference the
 * counters measure.
 *
 * <p>Requests are told apart by instance: the same {@link RoutingRequest} routed again (a retry on another engine) is
 * charged once, while distinct requests may share a request ID (a caller's {@code x-request-id}, or one trace ID over
 * an agent's calls); settling with another instance of the same ID settles the oldest such request.
 *
 * <p>Thread-safe. Locks: each user's state has its own monitor; the only nesting is a map bin lock (admit, sweep)
 * around one user's monitor, never two users' monitors, so there is no lock cycle. Costs: {@link #position} and
 * {@link #spread} are O(active users); admitting and settling are O(1) amortised. Idle users and requests never
 * reported finished are swept at most once per bucket width.
 */
final class VirtualTokenCounters {

    private final Clock clock;

    private final int buckets;

    private final long bucketMillis;

    private final long forgetAfterMillis;

    private final Map<String, UserState> users = new ConcurrentHashMap<>();

    private final Set<UserState> active = ConcurrentHashMap.newKeySet();

    /** Admitted requests by request ID, oldest first; lists are never modified, only replaced. */
    private final Map<String, List<Pending>> pending = new ConcurrentHashMap<>();

    private final LongAdder pendingCount = new LongAdder();

    private final AtomicLong nextSweep = new AtomicLong(Long.MIN_VALUE);

    private final LongAdder lifts = new LongAdder();

    /**
     * @param window                how far back tokens count
     * @param buckets               the window moves in {@code window / buckets} steps
     * @param forgetUnfinishedAfter a request never settled stops counting as in flight after this
     */
    VirtualTokenCounters(Clock clock, Duration window, int buckets, Duration forgetUnfinishedAfter) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.buckets = buckets;
        this.bucketMillis = window.toMillis() / buckets;
        this.forgetAfterMillis = forgetUnfinishedAfter.toMillis();
        if (bucketMillis < 1) {
            throw new IllegalArgumentException("window / buckets must be at least 1ms");
        }
    }

    /** The user's counter now (weighted tokens in the window, lifts included); 0 for a user never seen. */
    long counter(String user) {
        UserState state = users.get(user);
        return state == null ? 0 : state.counter(clock.millis());
    }

    /**
     * Where {@code user} stands among the active users: (c_u − c_min) / c_max over the active users and the user,
     * with the user's counter lifted as {@link #admit} would lift it. 0 when no other user is active (nobody to be fair
     * to) or every counter is 0; close to 1 for a user far above the least-served active user. Side-effect free.
     */
    double position(String user) {
        long now = clock.millis();
        UserState self = users.get(user);
        long min = Long.MAX_VALUE;
        long max = 0;
        boolean others = false;
        for (UserState state : active) {
            if (state != self) {
                long counter = state.counter(now);
                min = Math.min(min, counter);
                max = Math.max(max, counter);
                others = true;
            }
        }
        if (!others) {
            return 0;
        }
        long mine = self == null ? min : self.lifted(now, min);
        min = Math.min(min, mine);
        max = Math.max(max, mine);
        return max == 0 ? 0 : (double) (mine - min) / max;
    }

    /**
     * Charges a routed request's estimate (prompt and output parts, weighted) to {@code user}, lifting the user first
     * if it becomes active with an empty window, and counts the request as in flight. The same request admitted again
     * (a retry on another engine) is not charged again.
     */
    void admit(RoutingRequest request, String user, long promptCharge, long outputCharge) {
        List<Pending> sameId = pending.get(request.requestId());
        if (sameId != null && sameId.stream().anyMatch(admitted -> admitted.request() == request)) {
            return;
        }
        long now = clock.millis();
        sweepIfDue(now);
        UserState existing = users.get(user);
        long floor = minActiveCounter(existing, now);
        long[] bucket = new long[1];
        UserState state = users.compute(user, (name, current) -> {
            UserState target = current != null ? current : new UserState(buckets, bucketMillis);
            bucket[0] = target.admit(now, floor, promptCharge + outputCharge, active, lifts);
            return target;
        });
        Pending admitted = new Pending(request, state, bucket[0], promptCharge, outputCharge, now);
        pending.merge(request.requestId(), List.of(admitted), VirtualTokenCounters::append);
        pendingCount.increment();
    }

    /**
     * Replaces a request's estimate by what it really cost and ends it being in flight; nothing happens for a request
     * that was never admitted, or was forgotten.
     *
     * @param promptCharge weighted prompt tokens, or negative to keep the estimate
     * @param outputCharge weighted completion tokens, or negative to keep the estimate
     */
    void settle(RoutingRequest request, long promptCharge, long outputCharge) {
        Pending[] removed = new Pending[1];
        pending.computeIfPresent(request.requestId(), (id, list) -> {
            int index = 0;
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).request() == request) {
                    index = i;
                    break;
                }
            }
            removed[0] = list.get(index);
            return without(list, index);
        });
        Pending settled = removed[0];
        if (settled == null) {
            return;
        }
        pendingCount.decrement();
        long actual = (promptCharge >= 0 ? promptCharge : settled.promptCharge())
                + (outputCharge >= 0 ? outputCharge : settled.outputCharge());
        settled.user().settle(clock.millis(), settled.bucket(), settled.estimate(), actual, active);
    }

    /** Users with requests in flight. */
    int activeUsers() {
        return active.size();
    }

    /** Users whose window holds tokens or who have requests in flight. */
    int trackedUsers() {
        return users.size();
    }

    /** Requests admitted and not yet settled or forgotten. */
    int inFlightRequests() {
        return pendingCount.intValue();
    }

    /** Largest minus smallest counter among the active users (0 with fewer than two). */
    long spread() {
        long now = clock.millis();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (UserState state : active) {
            long counter = state.counter(now);
            min = Math.min(min, counter);
            max = Math.max(max, counter);
        }
        return max < min ? 0 : max - min;
    }

    /** How many times a user was lifted on becoming active. */
    long lifts() {
        return lifts.sum();
    }

    /** Forgets requests never settled and users with nothing left to count. */
    void sweep() {
        long now = clock.millis();
        for (String id : pending.keySet()) {
            pending.computeIfPresent(id, (key, list) -> {
                List<Pending> kept = new ArrayList<>(list.size());
                for (Pending request : list) {
                    if (now - request.admittedAt() < forgetAfterMillis) {
                        kept.add(request);
                    }
                    else {
                        request.user().forget(active);
                        pendingCount.decrement();
                    }
                }
                return kept.isEmpty() ? null : List.copyOf(kept);
            });
        }
        for (String name : users.keySet()) {
            users.computeIfPresent(name, (key, state) -> state.idle(now) ? null : state);
        }
    }

    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (due == Long.MIN_VALUE) {
            nextSweep.compareAndSet(Long.MIN_VALUE, now + bucketMillis);
        }
        else if (now >= due && nextSweep.compareAndSet(due, now + bucketMillis)) {
            sweep();
        }
    }

    private long minActiveCounter(@Nullable UserState except, long now) {
        long min = Long.MAX_VALUE;
        for (UserState state : active) {
            if (state != except) {
                min = Math.min(min, state.counter(now));
            }
        }
        return min == Long.MAX_VALUE ? 0 : min;
    }

    private static List<Pending> append(List<Pending> list, List<Pending> more) {
        List<Pending> result = new ArrayList<>(list.size() + more.size());
        result.addAll(list);
        result.addAll(more);
        return List.copyOf(result);
    }

    /** The list without element {@code index}, or null (remove the key) when nothing remains. */
    private static @Nullable List<Pending> without(List<Pending> list, int index) {
        if (list.size() == 1) {
            return null;
        }
        List<Pending> result = new ArrayList<>(list);
        result.remove(index);
        return List.copyOf(result);
    }

    /** One admitted request: which, whose, where its estimate was charged, and the estimate's parts. */
    private record Pending(RoutingRequest request, UserState user, long bucket, long promptCharge, long outputCharge, long admittedAt) {

        long estimate() {
            return promptCharge + outputCharge;
        }
    }

    /** One user's window and in-flight count, guarded by its own monitor. */
    private static final class UserState {

        private final TokenWindow window;

        private int inFlight;

        UserState(int buckets, long bucketMillis) {
            this.window = new TokenWindow(buckets, bucketMillis);
        }

        synchronized long counter(long now) {
            return window.total(now);
        }

        synchronized boolean idle(long now) {
            return inFlight == 0 && window.total(now) == 0;
        }

        /** The counter, or {@code floor} if the user would be lifted now. */
        synchronized long lifted(long now, long floor) {
            long counter = window.total(now);
            return inFlight == 0 && counter == 0 ? floor : counter;
        }

        synchronized long admit(long now, long floor, long estimate, Set<UserState> active, LongAdder lifts) {
            if (inFlight == 0 && floor > 0 && window.total(now) == 0) {
                window.charge(now, floor);
                lifts.increment();
            }
            long bucket = window.charge(now, estimate);
            if (inFlight++ == 0) {
                active.add(this);
            }
            return bucket;
        }

        synchronized void settle(long now, long bucket, long estimate, long actual, Set<UserState> active) {
            window.correct(bucket, estimate, actual, now);
            forget(active);
        }

        synchronized void forget(Set<UserState> active) {
            if (inFlight > 0 && --inFlight == 0) {
                active.remove(this);
            }
        }
    }
}

package io.aibrix.benchmark.workload;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.LongFunction;

/** Pulls requests 0, 1, 2, ... from a source until the source is exhausted (null) or the limits stop it. */
final class LimitedSchedule implements Iterator<ScheduledRequest> {

    private final RunLimits limits;
    private final LongFunction<ScheduledRequest> source;
    private long nextId;
    private ScheduledRequest lookahead;
    private boolean finished;

    LimitedSchedule(RunLimits limits, LongFunction<ScheduledRequest> source) {
        this.limits = limits;
        this.source = source;
    }

    @Override
    public boolean hasNext() {
        if (lookahead == null && !finished) {
            ScheduledRequest candidate = limits.admitsCount(nextId) ? source.apply(nextId) : null;
            if (candidate == null || !limits.admitsTime(candidate.atSeconds())) {
                finished = true;
            }
            else {
                lookahead = candidate;
                nextId++;
            }
        }
        return lookahead != null;
    }

    @Override
    public ScheduledRequest next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ScheduledRequest current = lookahead;
        lookahead = null;
        return current;
    }
}

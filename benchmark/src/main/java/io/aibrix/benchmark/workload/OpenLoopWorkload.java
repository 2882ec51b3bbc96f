package io.aibrix.benchmark.workload;

import java.util.Iterator;
import java.util.OptionalLong;

/** A workload whose send times do not depend on responses. */
public sealed interface OpenLoopWorkload extends Workload permits PoissonWorkload, SharedPrefixWorkload, TraceWorkload,
        UserClassWorkload {

    /**
     * The requests in send order, generated lazily (prompts can be large). Ids are 0, 1, 2, ... and
     * {@code atSeconds} never decreases.
     */
    Iterator<ScheduledRequest> schedule(RunLimits limits);

    /** The number of requests the workload holds if it is finite regardless of limits (a trace). */
    default OptionalLong size() {
        return OptionalLong.empty();
    }
}

package io.aibrix.benchmark.workload;

import java.util.Map;

/**
 * A benchmark workload. Open-loop workloads fix every send time in advance; the multi-turn workload is closed-loop
 * per session (a turn is sent only after the previous reply and a think time).
 */
public sealed interface Workload permits OpenLoopWorkload, MultiTurnWorkload {

    /** The CLI name, e.g. {@code shared-prefix}. */
    String name();

    /** The workload's parameters, echoed into the summary so results describe themselves. */
    Map<String, Object> parameters();
}

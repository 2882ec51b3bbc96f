package io.aibrix.benchmark.workload;

import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Replays a trace's arrivals and sizes: a row at {@code t} is sent at {@code (t - t_first) / speedup} seconds with a
 * prompt of {@code ContextTokens} random words and {@code GeneratedTokens} output tokens (at least 1 each).
 */
public final class TraceWorkload implements OpenLoopWorkload {

    public static final String NAME = "trace";

    private final List<TraceRow> rows;
    private final double speedup;
    private final String source;
    private final RandomStreams streams;

    public TraceWorkload(List<TraceRow> rows, double speedup, String source, RandomStreams streams) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("trace " + source + " has no rows");
        }
        if (!(speedup > 0) || Double.isInfinite(speedup)) {
            throw new IllegalArgumentException("speedup must be a positive finite number but was " + speedup);
        }
        this.rows = rows.stream().sorted(Comparator.comparingLong(TraceRow::timestampNanos)).toList();
        this.speedup = speedup;
        this.source = source;
        this.streams = streams;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("trace", source);
        parameters.put("rows", rows.size());
        parameters.put("speedup", speedup);
        return parameters;
    }

    @Override
    public OptionalLong size() {
        return OptionalLong.of(rows.size());
    }

    @Override
    public Iterator<ScheduledRequest> schedule(RunLimits limits) {
        long first = rows.getFirst().timestampNanos();
        return new LimitedSchedule(limits, id -> {
            if (id >= rows.size()) {
                return null;
            }
            TraceRow row = rows.get((int) id);
            double at = (row.timestampNanos() - first) / 1e9 / speedup;
            String prompt = Vocabulary.words(streams.stream("prompt", id), Math.max(1, row.contextTokens()));
            RequestSpec spec = new RequestSpec(List.of(ChatMessage.user(prompt)),
                    Math.max(1, row.generatedTokens()), RequestTags.NONE);
            return new ScheduledRequest(id, at, spec);
        });
    }
}

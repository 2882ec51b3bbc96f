package io.aibrix.kvcache.ring;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ring lookups per second (hash a key, find its slot's owner) and the time to rebuild a ring when one node joins, for
 * each assignment mode at 4096 slots and 100 virtual nodes per node.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RingBenchmarks {

    private static final int KEYS = 1 << 12;

    @Param({"3", "16", "64"})
    int nodes;

    @Param({"BALANCED", "BOUNDED_LOADS", "VIRTUAL_NODES"})
    Assignment assignment;

    private RingBuilder builder;

    private Ring ring;

    private List<RingNode> joined;

    private String[] keys;

    private int next;

    @Setup
    public void setUp() {
        builder = new RingBuilder(RingOptions.defaults().withAssignment(assignment));
        List<RingNode> members = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            members.add(new RingNode("kvcache-" + i, "10.0.0." + i, 18512, 1));
        }
        ring = builder.next(builder.empty(), members);
        joined = new ArrayList<>(members);
        joined.add(new RingNode("joiner", "10.0.1.1", 18512, 1));
        keys = new String[KEYS];
        for (int i = 0; i < KEYS; i++) {
            // Block-hash-like keys: a model prefix and a 64-bit hex digest.
            keys[i] = "llama-3-8b/" + Long.toHexString(XxHash64.hash("block-" + i));
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public RingNode lookup() {
        return ring.nodeFor(keys[next++ & (KEYS - 1)]).orElseThrow();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Ring rebuildOnJoin() {
        return builder.next(ring, joined);
    }
}

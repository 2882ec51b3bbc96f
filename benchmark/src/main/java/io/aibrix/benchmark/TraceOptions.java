package io.aibrix.benchmark;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** Options of the trace-replay workload. */
final class TraceOptions {

    @Option(names = "--trace", paramLabel = "FILE",
            description = "trace: Azure-LLM-style CSV TIMESTAMP,ContextTokens,GeneratedTokens; TIMESTAMP is numeric "
                    + "seconds or a datetime like 2023-11-16 18:15:46.6805900; arrivals are relative to the first "
                    + "row.")
    Path trace;

    @Option(names = "--trace-speedup", paramLabel = "FACTOR", defaultValue = "1",
            description = "trace: divide inter-arrival times by FACTOR. Default: ${DEFAULT-VALUE}.")
    double traceSpeedup;
}

package io.aibrix.benchmark.workload;

/** A trace file that cannot be used; the message names the file and line. */
public final class TraceFormatException extends IllegalArgumentException {

    TraceFormatException(String message) {
        super(message);
    }
}

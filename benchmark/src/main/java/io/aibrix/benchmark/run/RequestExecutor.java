package io.aibrix.benchmark.run;

/** Sends one request and waits for its outcome. Must not throw: failures are failed rows. */
@FunctionalInterface
public interface RequestExecutor {

    RequestOutcome execute(Dispatch dispatch);
}

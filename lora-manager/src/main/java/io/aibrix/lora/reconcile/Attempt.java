package io.aibrix.lora.reconcile;

import java.time.Instant;

/**
 * Failed loads of one adapter on one engine since its last success.
 *
 * @param generation    the adapter generation they were made for; a spec change starts over
 * @param failures      how many tries failed
 * @param exhausted     no more tries: the limit was reached or the error was permanent
 * @param notBefore     the next try waits until then
 * @param lastError     what the last try reported
 * @param lastFailureAt when it failed
 */
public record Attempt(long generation, int failures, boolean exhausted, Instant notBefore, String lastError,
        Instant lastFailureAt) {

    /** Where an attempt is kept: adapter and engine names. */
    public record Key(String adapter, String engine) {
    }
}

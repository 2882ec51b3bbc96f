package io.aibrix.gateway.quota;

import java.util.List;

import reactor.core.publisher.Mono;

/** Where the window counts live: this replica's memory, or Redis shared by every replica. */
interface QuotaStore extends AutoCloseable {

    /**
     * Atomically reads every charge's previous and current window counts at {@code nowMillis} and, if every charge
     * {@linkplain SlidingWindow#fits fits}, adds each amount to its current window.
     */
    Mono<Counts> admit(List<Charge> charges, long nowMillis);

    /**
     * Adds {@code delta} (negative to give back) to the count of window {@code windowIndex} of each scope; a window
     * that has expired meanwhile is left alone. Fire and forget: never throws.
     */
    void adjust(List<Adjustment> adjustments);

    @Override
    void close();

    /** A correction to the window an admission charged. */
    record Adjustment(String scope, SlidingWindow window, long windowIndex, long delta) {
    }
}

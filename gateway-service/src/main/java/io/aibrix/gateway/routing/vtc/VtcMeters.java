package io.aibrix.gateway.routing.vtc;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Aggregates of the virtual token counters only: per-user counters would be one time series per user, an unbounded
 * cardinality.
 * <ul>
 * <li>{@code gateway.routing.vtc.active.users}: users with requests in flight</li>
 * <li>{@code gateway.routing.vtc.tracked.users}: users with tokens in the window or requests in flight</li>
 * <li>{@code gateway.routing.vtc.counter.spread}: largest minus smallest counter among active users, weighted
 * tokens</li>
 * <li>{@code gateway.routing.vtc.lifts}: users lifted to the smallest active counter on becoming active</li>
 * </ul>
 */
final class VtcMeters {

    private VtcMeters() {
    }

    static void register(VirtualTokenCounters counters, MeterRegistry meters) {
        Gauge.builder("gateway.routing.vtc.active.users", counters, VirtualTokenCounters::activeUsers)
            .description("Users with requests in flight through vtc-basic routing")
            .register(meters);
        Gauge.builder("gateway.routing.vtc.tracked.users", counters, VirtualTokenCounters::trackedUsers)
            .description("Users vtc-basic keeps a token counter for")
            .register(meters);
        Gauge.builder("gateway.routing.vtc.counter.spread", counters, VirtualTokenCounters::spread)
            .description("Largest minus smallest virtual token counter among users with requests in flight")
            .baseUnit("tokens")
            .register(meters);
        FunctionCounter.builder("gateway.routing.vtc.lifts", counters, VirtualTokenCounters::lifts)
            .description("Users whose counter was lifted to the smallest active counter on becoming active")
            .register(meters);
    }
}

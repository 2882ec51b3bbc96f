package io.aibrix.gateway.quota;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;

/**
 * A warning logged at most once per interval, with the number of repeats it stood for: a backend outage under load
 * would otherwise log once per request. Safe to call from any thread.
 */
final class ThrottledLog {

    private final Logger log;
    private final Clock clock;
    private final long intervalMillis;
    private final AtomicLong nextMillis = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    ThrottledLog(Logger log, Clock clock, Duration interval) {
        this.log = log;
        this.clock = clock;
        this.intervalMillis = interval.toMillis();
    }

    /** Logs {@code message} unless one was logged within the interval; returns whether it did. */
    boolean warn(String message) {
        long now = clock.millis();
        long next = nextMillis.get();
        if (now < next || !nextMillis.compareAndSet(next, now + intervalMillis)) {
            suppressed.incrementAndGet();
            return false;
        }
        long repeats = suppressed.getAndSet(0);
        if (repeats > 0) {
            log.warn("{} ({} more since the last report)", message, repeats);
        }
        else {
            log.warn(message);
        }
        return true;
    }
}

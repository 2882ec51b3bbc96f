package io.aibrix.gateway.discovery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;

/**
 * Logs a backend outage once: the first failure at WARN, repeats at DEBUG, and the recovery at INFO with the outage's
 * length. Safe to call from any thread.
 */
final class OutageLog {

    private final Logger log;

    private final String backend;

    private final Clock clock;

    /** Start of the current outage; {@code null} while the backend answers. */
    private final AtomicReference<Instant> since = new AtomicReference<>();

    OutageLog(Logger log, String backend, Clock clock) {
        this.log = log;
        this.backend = backend;
        this.clock = clock;
    }

    void failure(String detail) {
        if (since.compareAndSet(null, clock.instant())) {
            log.warn("{} unavailable ({}); keeping the last endpoint snapshot and retrying", backend, detail);
        }
        else {
            log.debug("{} still unavailable ({})", backend, detail);
        }
    }

    void success() {
        Instant start = since.getAndSet(null);
        if (start != null) {
            log.info("{} available again after {}", backend, Duration.between(start, clock.instant()));
        }
    }
}

package io.aibrix.lora.loop;

import java.time.Instant;
import java.util.List;

import org.springframework.lang.Nullable;

/**
 * What one reconcile round saw and did.
 *
 * @param outcomes one line per action performed, e.g. {@code load sql-lora on engine-0: ok}
 * @param error    why the round stopped early (metadata-service or the engine source unreadable), else null
 */
public record TickReport(Instant startedAt, int adapters, int engines, List<String> outcomes,
        @Nullable String error) {
}

package io.aibrix.gateway.kvevents;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The engines' KV event feeds ({@code gateway.kv-events.*}), which {@code kv-aware} routing reads.
 *
 * @param enabled        subscribe to every discovered engine's {@code /v1/kv-events}; when off, {@code kv-aware}
 *                       knows no engine's cache and routes by load alone
 * @param staleAfter     a stream that delivers no line (not even a heartbeat) for this long is dead: its engine's
 *                       blocks stop counting and it is reconnected; 3 of the engines' default 1 s heartbeats
 * @param initialBackoff pause before the first reconnection attempt after a stream ends or fails
 * @param maxBackoff     the pause doubles per failed attempt up to this; it resets once a stream delivers a line
 * @param requestTimeout deadline of {@code GET /server_info} and of opening the event stream
 * @param maxLineLength  longest NDJSON line accepted (a {@code block_stored} of a 32k-token prompt is ~256 KiB)
 */
@Validated
@ConfigurationProperties("gateway.kv-events")
record KvEventsProperties(
        @DefaultValue("true") boolean enabled,
        @NotNull @DurationMin(millis = 10) @DefaultValue("3s") Duration staleAfter,
        @NotNull @DurationMin(millis = 1) @DefaultValue("100ms") Duration initialBackoff,
        @NotNull @DurationMin(millis = 1) @DefaultValue("5s") Duration maxBackoff,
        @NotNull @DurationMin(millis = 1) @DefaultValue("2s") Duration requestTimeout,
        @NotNull @DefaultValue("4MB") DataSize maxLineLength) {

    KvEventsProperties {
        if (maxLineLength != null && maxLineLength.toBytes() < DataSize.ofMegabytes(1).toBytes()) {
            throw new IllegalArgumentException("gateway.kv-events.max-line-length must be at least 1MB, got "
                    + maxLineLength);
        }
        if (maxLineLength != null && maxLineLength.toBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("gateway.kv-events.max-line-length is too large: " + maxLineLength);
        }
    }
}

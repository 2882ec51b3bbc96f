package io.aibrix.gateway.enginestats;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway scrapes engine {@code /metrics} ({@code gateway.engine-stats.*}).
 *
 * @param interval     how often each engine is scraped; an engine whose previous scrape is still running is skipped
 * @param timeout      deadline of one scrape (connect, response and body)
 * @param window       trailing window of token rates and histogram means
 * @param maxStaleness metrics older than this read as unknown
 */
@ConfigurationProperties("gateway.engine-stats")
@Validated
record EngineStatsProperties(
        @DurationMin(millis = 1) @DefaultValue("50ms") Duration interval,
        @DurationMin(millis = 1) @DefaultValue("1s") Duration timeout,
        @DurationMin(millis = 1) @DefaultValue("10s") Duration window,
        @DurationMin(millis = 1) @DefaultValue("1s") Duration maxStaleness) {
}

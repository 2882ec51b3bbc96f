package io.aibrix.gateway.enginestats;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the engine-metrics store (the {@link EngineStats} bean) and the scrape loop that feeds it. */
@Configuration(proxyBeanMethods = false)
class EngineStatsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EngineStatsConfiguration.class);

    @Bean
    EngineStatsStore engineStats(EngineStatsProperties properties, ObjectProvider<Clock> clock) {
        return new EngineStatsStore(clock.getIfUnique(Clock::systemUTC), properties.window(),
                properties.maxStaleness());
    }

    @Bean
    ScrapeLoop engineStatsScrapeLoop(EngineStatsStore store, EngineStatsProperties properties,
            ObjectProvider<ScrapeTargets> targets, MeterRegistry registry, ObjectProvider<Clock> clock) {
        Clock time = clock.getIfUnique(Clock::systemUTC);
        return new ScrapeLoop(targets.getIfAvailable(EngineStatsConfiguration::noTargets), store,
                new EngineStatsMeters(registry, time), time, properties.interval(), properties.timeout());
    }

    private static ScrapeTargets noTargets() {
        log.warn("No ScrapeTargets bean: no engine is scraped and every engine's metrics read as unknown");
        return List::of;
    }
}

package io.aibrix.batch.results;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wires the {@link ResultStore}. */
@Configuration(proxyBeanMethods = false)
class ResultsConfiguration {

    @Bean
    ResultStore resultStore(JdbcClient jdbc, ObjectProvider<Clock> clock) {
        return new ResultStore(jdbc, clock.getIfUnique(Clock::systemUTC));
    }
}

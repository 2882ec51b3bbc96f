package io.aibrix.batch.batches;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.aibrix.batch.files.FileService;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wires the Batches API. */
@Configuration(proxyBeanMethods = false)
class BatchesConfiguration {

    @Bean
    BatchService batchService(JdbcClient jdbc, FileService files, ObjectMapper json, ObjectProvider<Clock> clock) {
        return new BatchService(new BatchStore(jdbc), files, json, clock.getIfUnique(Clock::systemUTC));
    }
}

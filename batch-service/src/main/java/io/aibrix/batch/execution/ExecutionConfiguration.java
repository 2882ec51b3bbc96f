package io.aibrix.batch.execution;

import java.security.SecureRandom;
import java.time.Clock;

import io.aibrix.batch.files.FileService;
import io.aibrix.batch.results.ResultStore;
import io.aibrix.batch.validation.BatchInputValidator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the {@link BatchExecutor} with one pooled HTTP client for all batches. */
@Configuration(proxyBeanMethods = false)
class ExecutionConfiguration {

    @Bean
    BatchExecutor batchExecutor(ExecutionProperties properties, ResultStore results, FileService files,
            BatchInputValidator validator, ObjectProvider<Clock> clock) {
        UpstreamClient client = new UpstreamClient(properties.targets(), properties.connectTimeout(),
                properties.requestTimeout(), properties.apiKey());
        return new BatchExecutor(client, properties, results, files, validator.maxLineBytes(),
                clock.getIfUnique(Clock::systemUTC), new SecureRandom());
    }
}

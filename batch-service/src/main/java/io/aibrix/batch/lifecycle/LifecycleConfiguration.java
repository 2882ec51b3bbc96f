package io.aibrix.batch.lifecycle;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.aibrix.batch.execution.BatchExecutor;
import io.aibrix.batch.files.FileService;
import io.aibrix.batch.leases.LeaseManager;
import io.aibrix.batch.results.ResultStore;
import io.aibrix.batch.validation.BatchInputValidator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wires the job pool that drives batches from validating to their end. */
@Configuration(proxyBeanMethods = false)
class LifecycleConfiguration {

    @Bean
    @ConditionalOnProperty(name = "batch.jobs.enabled", havingValue = "true", matchIfMissing = true)
    JobPool jobPool(JdbcClient jdbc, JobsProperties properties, LeaseManager leases, BatchExecutor executor,
            ResultStore results, FileService files, BatchInputValidator validator, ObjectMapper json,
            ObjectProvider<Clock> clockProvider) {
        Clock clock = clockProvider.getIfUnique(Clock::systemUTC);
        Transitions transitions = new Transitions(jdbc);
        BatchJob.Steps steps = new BatchJob.Steps(transitions,
                new ValidationStep(validator, files, transitions, json, clock), executor,
                new Finalizer(new OutputFiles(results, files), transitions, results, files, validator, clock),
                results, leases, properties.pollInterval(), clock);
        return new JobPool(leases, lease -> new BatchJob(steps, lease), properties.poolSize(),
                properties.pollInterval());
    }
}

package io.aibrix.batch.validation;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the {@link BatchInputValidator} with the configured limits. */
@Configuration(proxyBeanMethods = false)
class ValidationConfiguration {

    @Bean
    BatchInputValidator batchInputValidator(ValidationProperties properties) {
        return new BatchInputValidator(properties.maxLines(), Math.toIntExact(properties.maxLineSize().toBytes()));
    }
}

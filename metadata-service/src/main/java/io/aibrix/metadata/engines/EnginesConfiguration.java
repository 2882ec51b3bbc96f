package io.aibrix.metadata.engines;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The registry's housekeeping. */
@Configuration(proxyBeanMethods = false)
class EnginesConfiguration {

    @Bean
    ExpiredEnginePurge expiredEnginePurge(EngineService engines, EnginesProperties properties) {
        return new ExpiredEnginePurge(engines, properties);
    }
}

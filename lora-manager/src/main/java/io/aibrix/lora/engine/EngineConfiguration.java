package io.aibrix.lora.engine;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/** The engine client and observer. */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    @Bean
    EngineClient engineClient(EngineProperties properties, RestClient.Builder builder, ObjectMapper json) {
        return new EngineClient(properties, builder, json);
    }

    @Bean
    EngineObserver engineObserver(EngineClient engineClient) {
        return new EngineObserver(engineClient);
    }
}

package io.aibrix.metadata;

import java.time.Clock;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** metadata-service: models, LoRA adapters, users and API keys, and the engine registry, on PostgreSQL. */
@SpringBootApplication(proxyBeanMethods = false)
@ConfigurationPropertiesScan
public class MetadataApplication {

    /**
     * The service reads {@code metadata.yml}, not {@code application.yml}, so it can share a JVM with other services
     * of the suite (tests, the local suite) without reading their configuration.
     */
    public static final String CONFIG_NAME = "metadata";

    public static void main(String[] args) {
        application().run(args);
    }

    /** The application with its configuration name applied; used by main and by tests that start it in-process. */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(MetadataApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return application;
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}

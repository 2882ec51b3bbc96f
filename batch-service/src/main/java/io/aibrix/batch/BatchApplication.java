package io.aibrix.batch;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The OpenAI Files and Batches API service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BatchApplication {

    /**
     * The service reads {@code batch.yml}, not {@code application.yml}, so it can share a JVM with simulated engines
     * and the gateway (tests, benchmarks) without reading their configuration, as the gateway does.
     */
    public static final String CONFIG_NAME = "batch";

    public static void main(String[] args) {
        application().run(args);
    }

    /** The application with its configuration name applied; used by main and by tests. */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(BatchApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return application;
    }
}

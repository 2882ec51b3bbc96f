package io.aibrix.lora;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** lora-manager: places LoRA adapters on engines as metadata-service describes them, and records the outcome. */
@SpringBootApplication(proxyBeanMethods = false)
@ConfigurationPropertiesScan
public class LoraManagerApplication {

    /**
     * The service reads {@code lora.yml}, not {@code application.yml}, so it can share a JVM with other services of
     * the suite (tests, the local suite) without reading their configuration.
     */
    public static final String CONFIG_NAME = "lora";

    public static void main(String[] args) {
        application().run(args);
    }

    /** The application with its configuration name applied; used by main and by tests that start it in-process. */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(LoraManagerApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return application;
    }
}

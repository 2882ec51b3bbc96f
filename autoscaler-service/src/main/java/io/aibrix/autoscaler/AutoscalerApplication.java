package io.aibrix.autoscaler;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** autoscaler-service: PodAutoscaler objects, KPA / APA / HPA decisions, applied to Kubernetes or the local fleet. */
@SpringBootApplication(proxyBeanMethods = false)
@ConfigurationPropertiesScan
public class AutoscalerApplication {

    /** The service reads {@code autoscaler.yml}, so it can share a JVM with other services of the suite. */
    public static final String CONFIG_NAME = "autoscaler";

    public static void main(String[] args) {
        application().run(args);
    }

    /** The application with its configuration name applied; used by main and by tests that start it in-process. */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(AutoscalerApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return application;
    }
}

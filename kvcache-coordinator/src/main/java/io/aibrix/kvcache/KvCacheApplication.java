package io.aibrix.kvcache;

import java.time.Clock;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** kvcache-coordinator: membership of KV-cache node clusters and the slot ring published over them. */
@SpringBootApplication(proxyBeanMethods = false)
@ConfigurationPropertiesScan
public class KvCacheApplication {

    /** The service reads {@code kvcache.yml}, so it can share a JVM with the suite's other services. */
    public static final String CONFIG_NAME = "kvcache";

    public static void main(String[] args) {
        application().run(args);
    }

    /** The application with its configuration name applied; used by main and by tests that start it in-process. */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(KvCacheApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return application;
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}

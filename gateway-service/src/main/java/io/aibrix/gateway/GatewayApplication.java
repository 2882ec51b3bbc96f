package io.aibrix.gateway;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The OpenAI-compatible gateway in front of vLLM-compatible engines. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    /**
     * The gateway reads {@code gateway.yml}, not {@code application.yml}, so it and simulated engines can share a JVM
     * (tests, benchmarks) without reading each other's configuration.
     */
    public static final String CONFIG_NAME = "gateway";

    private static final String LAST_FLUSH_WHEN_NO_READ = "reactor.netty.http.server.lastFlushWhenNoRead";

    public static void main(String[] args) {
        application().run(args);
    }

    /** The application with its configuration name and JVM-wide settings applied; used by main and by tests. */
    public static SpringApplication application() {
        // Reactor Netty 1.2.x can stop reading a keep-alive connection whose next request arrives before the previous
        // exchange terminated (reactor/reactor-netty#4361); this flag terminates it first. Read once per JVM, and an
        // explicit -D setting wins. Drop it once Reactor Netty ships the fix.
        if (System.getProperty(LAST_FLUSH_WHEN_NO_READ) == null) {
            System.setProperty(LAST_FLUSH_WHEN_NO_READ, "true");
        }
        SpringApplication application = new SpringApplication(GatewayApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return application;
    }
}

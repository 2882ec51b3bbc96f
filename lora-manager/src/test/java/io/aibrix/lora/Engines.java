package io.aibrix.lora;

import java.util.LinkedHashMap;
import java.util.Map;

import io.aibrix.simulator.SimulatedEngine;
import io.aibrix.testsupport.EngineFleetExtension;

/**
 * Simulated engines for this module's tests. metadata-service brings its JPA stack onto the test classpath; contexts
 * other than metadata-service's (the engines, lora-manager) have no database and must not configure one. Without a
 * DataSource the JPA and Flyway auto-configurations back off.
 */
public final class Engines {

    /** A Spring property that keeps a context off the database classes on the test classpath. */
    public static final String NO_DATABASE_KEY = "spring.autoconfigure.exclude";

    public static final String NO_DATABASE_VALUE =
            "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration";

    private Engines() {
    }

    /** A fleet of {@code count} engines without simulated latency. */
    public static EngineFleetExtension fleet(int count) {
        return EngineFleetExtension.builder().engines(count).property("simulator.profile", "zero")
                .property(NO_DATABASE_KEY, NO_DATABASE_VALUE).build();
    }

    /** One engine like a fleet's engine {@code index}, on {@code port}: a restart in place. */
    public static SimulatedEngine start(int index, int port) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", port);
        properties.put("simulator.engine-index", index);
        properties.put("simulator.profile", "zero");
        properties.put(NO_DATABASE_KEY, NO_DATABASE_VALUE);
        return SimulatedEngine.start(properties);
    }
}

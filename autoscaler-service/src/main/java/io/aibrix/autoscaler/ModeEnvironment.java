package io.aibrix.autoscaler;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * On Kubernetes ({@code autoscaler.mode=kubernetes}) PodAutoscalers live in the API server, so the service needs no
 * database: the JDBC and Flyway auto-configurations are switched off.
 */
public final class ModeEnvironment implements EnvironmentPostProcessor {

    /** The auto-configurations that need a database. */
    public static final String EXCLUDES = "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration,"
            + "org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration,"
            + "org.springframework.boot.autoconfigure.jdbc.JdbcClientAutoConfiguration,"
            + "org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration,"
            + "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if ("kubernetes".equals(environment.getProperty("autoscaler.mode"))) {
            environment.getPropertySources().addLast(new MapPropertySource("autoscaler-kubernetes-mode",
                    Map.of("spring.autoconfigure.exclude", EXCLUDES)));
        }
    }
}

package io.aibrix.gateway.routing;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.aibrix.gateway.routing.RoutingFixtures.candidate;
import static io.aibrix.gateway.routing.RoutingFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link RoutingConfiguration}. */
class RoutingConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withUserConfiguration(RoutingConfiguration.class)
        .withBean(SimpleMeterRegistry.class);

    @Test
    void registersBuiltInStrategies() {
        runner.run(context -> assertThat(String.join(", ", context.getBean(RoutingStrategyRegistry.class).names()))
            .isEqualTo(RoutingStrategyRegistryTests.ALL_NAMES));
    }

    @Test
    void registersStrategyBeansDeclaredElsewhere() {
        runner
            .withBean("custom", RoutingStrategy.class,
                    () -> new RoutingFixtures.FixedScorer("custom", PodScorer.Polarity.LOWER_IS_BETTER, Map.of()))
            .run(context -> assertThat(context.getBean(RoutingStrategyRegistry.class).names()).contains("custom"));
    }

    @Test
    void failsToStartWhenTwoStrategiesShareAName() {
        runner.withBean("another", RoutingStrategy.class, LeastRequestRoutingStrategy::new)
            .run(context -> assertThat(context).getFailure()
                .rootCause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'least-request'"));
    }

    @Test
    void routesAndCountsMetricFallbacks() {
        runner.run(context -> {
            Decision decision = context.getBean(Router.class)
                .route("least-kv-cache", request(), List.of(candidate("10.0.0.1", 4), candidate("10.0.0.2", 1)));

            assertThat(decision.target().host()).isEqualTo("10.0.0.2");
            SimpleMeterRegistry meters = context.getBean(SimpleMeterRegistry.class);
            assertThat(meters.get("gateway.routing.fallbacks")
                .tags("strategy", "least-kv-cache", "reason", "metrics_unknown")
                .counter()
                .count()).isEqualTo(1.0);
            assertThat(meters.get("gateway.routing.duration").tag("strategy", "least-kv-cache").timer().count())
                .isEqualTo(1);
        });
    }
}

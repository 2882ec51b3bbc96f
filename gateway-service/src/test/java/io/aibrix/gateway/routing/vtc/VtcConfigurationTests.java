package io.aibrix.gateway.routing.vtc;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.enginestats.EngineMetrics;
import io.aibrix.gateway.routing.Candidate;
import io.aibrix.gateway.routing.RoutingRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link VtcConfiguration}, {@link VtcProperties} and {@link VtcMeters}. */
class VtcConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withUserConfiguration(VtcConfiguration.class, BindProperties.class)
        .withBean(SimpleMeterRegistry.class);

    @Test
    void registersVtcBasicWithTheDocumentedDefaults() {
        runner.run(context -> {
            assertThat(context.getBean(VtcRoutingStrategy.class).name()).isEqualTo("vtc-basic");
            assertThat(context.getBean(VtcProperties.class)).isEqualTo(VtcProperties.defaults());
        });
    }

    @Test
    void bindsItsProperties() {
        runner.withPropertyValues("gateway.routing.vtc.window=30s", "gateway.routing.vtc.window-buckets=6",
                "gateway.routing.vtc.output-weight=3", "gateway.routing.vtc.fairness-weight=2.5")
            .run(context -> {
                VtcProperties properties = context.getBean(VtcProperties.class);
                assertThat(properties.window()).isEqualTo(Duration.ofSeconds(30));
                assertThat(properties.windowBuckets()).isEqualTo(6);
                assertThat(properties.outputWeight()).isEqualTo(3);
                assertThat(properties.fairnessWeight()).isEqualTo(2.5);
            });
    }

    @Test
    void refusesToStartWithUnusableProperties() {
        runner.withPropertyValues("gateway.routing.vtc.window-buckets=0")
            .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("gateway.routing.vtc.fairness-weight=0", "gateway.routing.vtc.utilisation-weight=0")
            .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("not both 0"));
        runner.withPropertyValues("gateway.routing.vtc.window=1s", "gateway.routing.vtc.window-buckets=2000")
            .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("at least 1ms"));
    }

    @Test
    void exposesOnlyAggregateMetrics() {
        runner.run(context -> {
            VtcRoutingStrategy strategy = context.getBean(VtcRoutingStrategy.class);
            Candidate pod = new Candidate(Endpoint.of("10.0.0.1", 8000), 0, EngineMetrics.unknown());
            strategy.afterRoute(request("r1", "alice", 100), pod, new HashMap<>());
            strategy.afterRoute(request("r2", "bob", 10), pod, new HashMap<>());

            SimpleMeterRegistry meters = context.getBean(SimpleMeterRegistry.class);
            assertThat(meters.get("gateway.routing.vtc.active.users").gauge().value()).isEqualTo(2);
            assertThat(meters.get("gateway.routing.vtc.tracked.users").gauge().value()).isEqualTo(2);
            // bob was lifted to alice's 100 + 2 × 20 on arrival: 140 + 10 + 40 against 140.
            assertThat(meters.get("gateway.routing.vtc.counter.spread").gauge().value()).isEqualTo(50);
            assertThat(meters.get("gateway.routing.vtc.lifts").functionCounter().count()).isEqualTo(1);
            assertThat(meters.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTags()).isEmpty());
        });
    }

    private static RoutingRequest request(String id, String user, int promptTokens) {
        return new RoutingRequest(id, "m", "hello", promptTokens, 20, true, user, Map.of());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(VtcProperties.class)
    static class BindProperties {
    }
}

package io.aibrix.gateway.routing.kvaware;

import java.time.Duration;

import io.aibrix.gateway.kvevents.KvBlockIndex;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link KvAwareRoutingConfiguration} and {@link KvAwareProperties}. */
class KvAwareRoutingConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(KvAwareRoutingConfiguration.class, BindProperties.class)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withBean(KvBlockIndex.class, KvBlockIndex::new);

    @Test
    void registersKvAwareWithTheDocumentedDefaults() {
        runner.run(context -> {
            KvAwareRoutingStrategy strategy = context.getBean(KvAwareRoutingStrategy.class);
            assertThat(strategy.name()).isEqualTo("kv-aware");
            assertThat(strategy.needsPromptTokens()).isTrue();
            assertThat(context.getBean(KvAwareProperties.class)).isEqualTo(
                    new KvAwareProperties(1.0, 16, 0.5, true, Duration.ZERO, Duration.ofMinutes(10)));
            assertThat(strategy).hasToString(
                    "KvAwareRoutingStrategy[overlapWeight=1.0, requestLoadBlocks=16.0, decodingShare=0.5, pending=true]");
        });
    }

    @Test
    void bindsItsWeightsAndPendingTracking() {
        runner.withPropertyValues("gateway.routing.kv-aware.overlap-weight=2.5",
                "gateway.routing.kv-aware.request-load-blocks=32", "gateway.routing.kv-aware.track-pending=false",
                "gateway.routing.kv-aware.decoding-request-share=0.25",
                "gateway.routing.kv-aware.pending-grace=500ms", "gateway.routing.kv-aware.pending-max-age=1m")
                .run(context -> {
                    assertThat(context.getBean(KvAwareProperties.class)).isEqualTo(new KvAwareProperties(2.5, 32,
                            0.25, false, Duration.ofMillis(500), Duration.ofMinutes(1)));
                    assertThat(context.getBean(KvAwareRoutingStrategy.class).toString())
                            .contains("decodingShare=0.25", "pending=false");
                });
    }

    @Test
    void refusesANegativePendingGraceNamingIt() {
        runner.withPropertyValues("gateway.routing.kv-aware.pending-grace=-1s")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("pending-grace").hasMessageContaining("-1"));
    }

    @Test
    void refusesNegativeWeights() {
        runner.withPropertyValues("gateway.routing.kv-aware.overlap-weight=-1")
                .run(context -> assertThat(context).hasFailed());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(KvAwareProperties.class)
    static class BindProperties {
    }
}

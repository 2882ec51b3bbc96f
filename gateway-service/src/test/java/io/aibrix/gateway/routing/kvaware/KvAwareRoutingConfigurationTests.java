package io.aibrix.gateway.routing.kvaware;

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
            assertThat(context.getBean(KvAwareProperties.class)).isEqualTo(new KvAwareProperties(1.0, 16));
        });
    }

    @Test
    void bindsItsWeights() {
        runner.withPropertyValues("gateway.routing.kv-aware.overlap-weight=2.5",
                "gateway.routing.kv-aware.request-load-blocks=32")
                .run(context -> assertThat(context.getBean(KvAwareProperties.class))
                        .isEqualTo(new KvAwareProperties(2.5, 32)));
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

package io.aibrix.gateway.replicas;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link ReplicasConfiguration} and {@link ReplicasProperties}. */
class ReplicasConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(ReplicasConfiguration.class, Properties.class);

    @Test
    void staysOffWithoutARedisUrl() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(ReplicaSync.class);
            assertThat(context.getBean(ReplicasProperties.class).enabled()).isFalse();
        });
        runner.withPropertyValues("gateway.replicas.redis-url= ")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ReplicaSync.class));
    }

    @Test
    void bindsTheDefaults() {
        runner.run(context -> {
            ReplicasProperties properties = context.getBean(ReplicasProperties.class);
            assertThat(properties.channelPrefix()).isEqualTo("aibrix:gateway");
            assertThat(properties.inFlightChannel()).isEqualTo("aibrix:gateway:in-flight");
            assertThat(properties.prefixChannel()).isEqualTo("aibrix:gateway:prefix");
            assertThat(properties.publishInterval()).isEqualTo(Duration.ofMillis(50));
            assertThat(properties.peerExpiry()).isEqualTo(Duration.ofSeconds(1));
            assertThat(properties.prefixBatchInterval()).isEqualTo(Duration.ofMillis(20));
            assertThat(properties.prefixRefreshInterval()).isEqualTo(Duration.ofSeconds(10));
            assertThat(properties.maxPendingBlocks()).isEqualTo(100_000);
            assertThat(properties.commandTimeout()).isEqualTo(Duration.ofSeconds(1));
        });
    }

    @Test
    void rejectsAPeerExpiryShorterThanTwoPublishIntervals() {
        runner.withPropertyValues("gateway.replicas.publish-interval=100ms", "gateway.replicas.peer-expiry=150ms")
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("gateway.replicas.prefix-refresh-interval=-1s")
                .run(context -> assertThat(context).hasFailed());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ReplicasProperties.class)
    static class Properties {
    }
}

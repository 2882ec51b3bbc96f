package io.aibrix.gateway.kvevents;

import java.time.Duration;

import io.aibrix.gateway.endpoint.EndpointRegistry;
import io.aibrix.gateway.endpoint.EndpointSnapshot;
import io.aibrix.gateway.endpoint.EndpointSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link KvEventsConfiguration} and {@link KvEventsProperties}. */
class KvEventsConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(KvEventsConfiguration.class, BindProperties.class)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withBean(EndpointRegistry.class, () -> new EndpointRegistry(new NoEngines()));

    @Test
    void subscribesToTheEnginesWithTheDocumentedDefaults() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(KvBlockIndex.class).hasSingleBean(KvEventFeeds.class);
            assertThat(context.getBean(KvEventsProperties.class)).isEqualTo(new KvEventsProperties(true,
                    Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(2),
                    DataSize.ofMegabytes(4)));
            assertThat(context.getBean(KvEventFeeds.class).isRunning()).isTrue();
        });
    }

    @Test
    void keepsAnEmptyIndexWhenTheFeedsAreOff() {
        runner.withPropertyValues("gateway.kv-events.enabled=false").run(context -> {
            assertThat(context).hasSingleBean(KvBlockIndex.class).doesNotHaveBean(KvEventFeeds.class)
                    .doesNotHaveBean(FeedClient.class);
            assertThat(context.getBean(KvBlockIndex.class).size()).isZero();
        });
    }

    @Test
    void refusesALineLimitBelowOneMegabyte() {
        runner.withPropertyValues("gateway.kv-events.max-line-length=256KB")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("at least 1MB"));
    }

    @Test
    void refusesANonPositiveStaleAfter() {
        runner.withPropertyValues("gateway.kv-events.stale-after=0s").run(context -> assertThat(context).hasFailed());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(KvEventsProperties.class)
    static class BindProperties {
    }

    /** Discovery that knows no engine. */
    private static final class NoEngines implements EndpointSource {

        @Override
        public String name() {
            return "none";
        }

        @Override
        public Flux<EndpointSnapshot> snapshots() {
            return Flux.just(EndpointSnapshot.EMPTY);
        }
    }
}

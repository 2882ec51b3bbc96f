package io.aibrix.gateway.routing.prefix;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.endpoint.EndpointRegistry;
import io.aibrix.gateway.endpoint.EndpointSnapshot;
import io.aibrix.gateway.endpoint.EndpointSource;
import io.aibrix.gateway.routing.RoutingStrategy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import static io.aibrix.gateway.routing.prefix.PrefixFixtures.chat;
import static io.aibrix.gateway.routing.prefix.PrefixFixtures.pod;
import static io.aibrix.gateway.routing.prefix.PrefixFixtures.words;
import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link PrefixRoutingConfiguration}. */
class PrefixRoutingConfigurationTests {

    private final Sinks.Many<EndpointSnapshot> snapshots = Sinks.many().replay().latest();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(PrefixRoutingConfiguration.class, Properties.class)
            .withBean(SimpleMeterRegistry.class)
            .withBean(EndpointRegistry.class, () -> new EndpointRegistry(new EndpointSource() {

                @Override
                public String name() {
                    return "test";
                }

                @Override
                public Flux<EndpointSnapshot> snapshots() {
                    return snapshots.asFlux();
                }
            }));

    @Test
    void registersBothStrategiesWithDefaults() {
        runner.run(context -> {
            assertThat(context.getBeansOfType(RoutingStrategy.class).values()).extracting(RoutingStrategy::name)
                    .containsExactlyInAnyOrder("prefix-cache", "prefix-cache-preble");
            PrefixCacheProperties properties = context.getBean(PrefixCacheProperties.class);
            assertThat(properties.tokenizer()).isEqualTo(PrefixTokenizer.CHARACTERS);
            assertThat(properties.characterBlockSize()).isEqualTo(64);
            assertThat(properties.tokenBlockSize()).isEqualTo(16);
            assertThat(properties.idleTtl()).isEqualTo(Duration.ofMinutes(10));
            assertThat(properties.maxBlocks()).isEqualTo(200_000);
            assertThat(properties.imbalanceThreshold()).isEqualTo(8);
            assertThat(properties.stddevFactor()).isEqualTo(1.0);
            assertThat(properties.inFlightCostTokens()).isEqualTo(256);
            PrebleProperties preble = context.getBean(PrebleProperties.class);
            assertThat(preble.matchThreshold()).isEqualTo(0.5);
            assertThat(preble.window()).isEqualTo(Duration.ofSeconds(60));
            assertThat(preble.prefillTimePerToken()).isEqualTo(Duration.ofNanos(48_000));
            assertThat(preble.decodeTimePerToken()).isEqualTo(Duration.ofNanos(250_000));
            assertThat(context.getBean(PrefixCacheRoutingStrategy.class).needsPromptTokens()).isFalse();
        });
    }

    @Test
    void asksForTokenIdsInEngineMode() {
        runner.withPropertyValues("gateway.routing.prefix-cache.tokenizer=engine").run(context -> {
            assertThat(context.getBean(PrefixCacheRoutingStrategy.class).needsPromptTokens()).isTrue();
            assertThat(context.getBean(PrebleRoutingStrategy.class).needsPromptTokens()).isTrue();
        });
    }

    @Test
    void rejectsInvalidSettings() {
        runner.withPropertyValues("gateway.routing.prefix-cache.character-block-size=0")
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("gateway.routing.prefix-cache.characterBlockSize"));
        runner.withPropertyValues("gateway.routing.prefix-cache-preble.match-threshold=1.5")
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("gateway.routing.prefix-cache-preble.matchThreshold"));
    }

    @Test
    void forgetsIndexedPodsDiscoveryNoLongerReports() {
        runner.run(context -> {
            context.getBean(EndpointRegistry.class).start();
            PrefixCacheRoutingStrategy strategy = context.getBean(PrefixCacheRoutingStrategy.class);
            String prompt = words(1, 200);
            strategy.afterRoute(chat(prompt), pod("a", 0), new HashMap<>());
            assertThat(strategy.scoreAll(chat(prompt), List.of(pod("a", 0)))[0]).isLessThan(250);

            snapshots.tryEmitNext(new EndpointSnapshot(Map.of("llama3-8b", List.of(Endpoint.of("b", 8000)))));

            assertThat(strategy.scoreAll(chat(prompt), List.of(pod("a", 0)))[0]).as("every token uncached")
                    .isEqualTo(250);
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({PrefixCacheProperties.class, PrebleProperties.class})
    static class Properties {
    }
}

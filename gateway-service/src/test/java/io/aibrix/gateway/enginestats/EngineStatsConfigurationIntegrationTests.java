package io.aibrix.gateway.enginestats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.testsupport.EngineFleetExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Tests for {@link EngineStatsConfiguration}. */
class EngineStatsConfigurationIntegrationTests {

    @RegisterExtension
    static final EngineFleetExtension fleet = EngineFleetExtension.builder()
            .property("simulator.profile", "zero")
            .build();

    /** Finds the properties record the way the application does. */
    @Configuration(proxyBeanMethods = false)
    @ConfigurationPropertiesScan(basePackageClasses = EngineStatsProperties.class)
    static class ScannedProperties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(ScannedProperties.class, EngineStatsConfiguration.class)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    private static Endpoint engine() {
        Endpoint endpoint = Endpoint.of("127.0.0.1", fleet.engine(0).port());
        return new Endpoint("engine-0", endpoint.host(), endpoint.port(), endpoint.metricsPort(), null, true);
    }

    @Test
    void servesMetricsOfTheTargetEnginesOnceTheContextStarts() {
        Endpoint engine = engine();
        runner.withBean(ScrapeTargets.class, () -> () -> List.of(engine)).run(context -> {
            EngineStats stats = context.getBean(EngineStats.class);

            await().atMost(5, TimeUnit.SECONDS).until(() -> stats.metrics(engine).isKnown());
            assertThat(stats.metrics(engine).runningRequests()).isZero();
            assertThat(context.getBean(MeterRegistry.class).find(EngineStatsMeters.STALENESS)
                    .tags("endpoint", engine.address(), "pod", "engine-0").gauge()).isNotNull();
        });
    }

    @Test
    void stopsScrapingWhenTheContextCloses() {
        try (MetricsStubServer server = MetricsStubServer.serving("vllm:num_requests_running 1\n")) {
            runner.withBean(ScrapeTargets.class, () -> () -> List.of(server.endpoint())).run(context ->
                    await().atMost(5, TimeUnit.SECONDS).until(() -> server.arrivalsNanos().size() >= 3));
            // A scrape in flight at close may still land; once none has for two scrape intervals, none may follow.
            AtomicInteger seen = new AtomicInteger(-1);
            await().pollInterval(Duration.ofMillis(100)).atMost(3, TimeUnit.SECONDS)
                    .until(() -> {
                        int arrivals = server.arrivalsNanos().size();
                        return seen.getAndSet(arrivals) == arrivals;
                    });
            int settled = seen.get();

            await().during(Duration.ofMillis(300)).atMost(1, TimeUnit.SECONDS)
                    .until(() -> server.arrivalsNanos().size() == settled);
        }
    }

    @Test
    void bindsDocumentedDefaults() {
        runner.run(context -> assertThat(context.getBean(EngineStatsProperties.class)).isEqualTo(
                new EngineStatsProperties(Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(10),
                        Duration.ofSeconds(1))));
    }

    @Test
    void bindsOverriddenDurations() {
        runner.withPropertyValues("gateway.engine-stats.interval=200ms", "gateway.engine-stats.timeout=2s",
                "gateway.engine-stats.window=30s", "gateway.engine-stats.max-staleness=500ms").run(context ->
                assertThat(context.getBean(EngineStatsProperties.class)).isEqualTo(new EngineStatsProperties(
                        Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(30),
                        Duration.ofMillis(500))));
    }

    @Test
    void rejectsANonPositiveInterval() {
        runner.withPropertyValues("gateway.engine-stats.interval=0ms").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("interval"));
    }

    @Test
    void startsWithoutScrapeTargetsAndKnowsNothing() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(EngineStats.class).metrics(engine()).isKnown()).isFalse();
        });
    }
}

package io.aibrix.autoscaler.reconcile;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

import io.aibrix.autoscaler.actuator.ScaleActuator;
import io.aibrix.autoscaler.algorithm.AlgorithmRegistry;
import io.aibrix.autoscaler.metrics.MetricCollector;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the control loop: the clock, the algorithms, the metric collector, the reconciler, its loop and its meters.
 */
@Configuration(proxyBeanMethods = false)
class ReconcileConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    HttpClient autoscalerHttpClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    @Bean
    Reconciler reconciler(Clock clock, HttpClient autoscalerHttpClient, ScaleActuator actuator,
            ObjectProvider<HpaDelegate> hpa, ReconcileProperties properties) {
        return new Reconciler(clock, AlgorithmRegistry.standard(),
                new MetricCollector(autoscalerHttpClient, properties.metricsTimeout()), actuator,
                hpa.getIfAvailable(), properties.staleAfter());
    }

    @Bean
    AutoscalerMeters autoscalerMeters(MeterRegistry registry) {
        return new AutoscalerMeters(registry);
    }

    @Bean
    ReconcileLoop reconcileLoop(AutoscalerSource source, Reconciler reconciler, ReconcileProperties properties,
            AutoscalerMeters meters) {
        return new ReconcileLoop(source, reconciler, properties.interval(), meters);
    }
}

package io.aibrix.autoscaler.metrics;

import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

import io.aibrix.autoscaler.GaugeServer;
import io.aibrix.autoscaler.ModeEnvironment;
import io.aibrix.autoscaler.spec.MetricSource;
import io.aibrix.testsupport.EngineFleetExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link MetricCollector} against real simulated engines and an external exporter. */
class MetricCollectorIntegrationTests {

    @RegisterExtension
    static EngineFleetExtension fleet = EngineFleetExtension.builder().engines(2)
            // This module has JDBC on its class path; the in-process engines need no database.
            .property("spring.autoconfigure.exclude", ModeEnvironment.EXCLUDES).build();

    private final MetricCollector collector = new MetricCollector(HttpClient.newHttpClient(), Duration.ofSeconds(2));

    private static List<PodEndpoint> pods() {
        return fleet.baseUris().stream().map(uri -> new PodEndpoint("engine-" + uri.getPort(), uri.getHost(),
                uri.getPort())).toList();
    }

    private static MetricSource pod(String metric) {
        return new MetricSource("pod", "http", null, "/metrics", null, metric, "10");
    }

    @Test
    void sumsAPodMetricOverEveryReadyEngine() throws Exception {
        MetricCollector.Reading reading = collector.read(pod("vllm:num_requests_waiting"), pods());

        assertThat(reading.total()).hasValue(0.0);
        assertThat(reading.problem()).isNull();
    }

    @Test
    void oneUnreachablePodMakesTheSampleUnknown() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        List<PodEndpoint> pods = new java.util.ArrayList<>(pods());
        pods.add(new PodEndpoint("gone", "127.0.0.1", closed));

        MetricCollector.Reading reading = collector.read(pod("vllm:num_requests_waiting"), pods);

        assertThat(reading.total()).isEmpty();
        assertThat(reading.problem()).startsWith("gone: ");
    }

    @Test
    void noReadyPodsIsUnknown() throws Exception {
        assertThat(collector.read(pod("vllm:num_requests_waiting"), List.of()).total()).isEmpty();
    }

    @Test
    void aMetricTheEnginesDoNotExportIsUnknown() throws Exception {
        MetricCollector.Reading reading = collector.read(pod("vllm:no_such_metric"), pods());

        assertThat(reading.total()).isEmpty();
        assertThat(reading.problem()).contains("vllm:no_such_metric");
    }

    @Test
    void anExternalSourceIsReadOnceAsTheTotal() throws Exception {
        try (GaugeServer gateway = new GaugeServer("gateway_requests_in_flight", 12)) {
            MetricSource external = new MetricSource("external", "http", gateway.endpoint(), "/metrics", null,
                    "gateway_requests_in_flight{model=\"llama\"}", "4");

            assertThat(collector.read(external, List.of()).total()).hasValue(12.0);
            gateway.fail();
            assertThat(collector.read(external, List.of()).problem()).contains("HTTP 503");
        }
    }
}

package io.aibrix.gateway.enginestats;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;

import io.aibrix.testsupport.EngineFleetExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tests for {@link PrometheusTextParser} on a page served live by a simulated vLLM engine. */
class PrometheusTextParserIntegrationTests {

    @RegisterExtension
    static final EngineFleetExtension fleet = EngineFleetExtension.builder()
            .property("simulator.profile", "zero")
            .build();

    private static byte[] livePage() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(fleet.engine(0).baseUri().resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        }
    }

    @Test
    void readsEverySeriesAVllmEngineExports() throws Exception {
        byte[] page = livePage();

        MetricsPage parsed = PrometheusTextParser.parse(page);

        assertThat(page.length).as("a full vLLM page, histograms included").isGreaterThan(20_000);
        for (Series series : EnumSet.complementOf(EnumSet.of(Series.CPU_CACHE_USAGE))) {
            assertThat(parsed.get(series)).as(series.metricName()).isNotNaN().isGreaterThanOrEqualTo(0);
        }
        assertThat(parsed.get(Series.CPU_CACHE_USAGE)).as("vLLM V1 no longer exports it").isNaN();
    }
}

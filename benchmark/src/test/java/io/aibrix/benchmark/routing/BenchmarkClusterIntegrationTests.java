package io.aibrix.benchmark.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.aibrix.benchmark.client.Target;

/** Tests for {@link BenchmarkCluster} and {@link StrategyProbe} against the real engines and gateways they start. */
class BenchmarkClusterIntegrationTests {

    private static final HttpClient http = HttpClient.newHttpClient();
    private static final ObjectMapper json = new ObjectMapper();

    @AfterAll
    static void closeClient() {
        http.close();
    }

    @Test
    void startsFreshEnginesBehindEveryGatewayAndARedisForReplicasThatDiesWithTheCluster() throws Exception {
        ClusterSettings settings = new ClusterSettings(2, "zero", 600, Map.of(), Map.of(), true,
                Duration.ofSeconds(60));
        int redisPort;
        try (BenchmarkCluster cluster = BenchmarkCluster.start(settings, 7, 2)) {
            assertThat(cluster.engines()).hasSize(2);
            assertThat(cluster.gateways()).hasSize(2);
            for (Target gateway : cluster.gateways()) {
                JsonNode models = json.readTree(get(gateway, "/v1/models"));
                assertThat(models.path("data").path(0).path("id").asText()).isEqualTo(BenchmarkCluster.MODEL);
            }
            for (Target engine : cluster.engines()) {
                assertThat(get(engine, "/metrics")).contains("vllm:cache_config_info")
                        .contains("num_gpu_blocks=\"600\"")
                        .containsPattern("vllm:prefix_cache_queries_total\\{[^}]*} 0\\.0");
            }
            redisPort = cluster.redisPort().orElseThrow();
            assertThat(ping(redisPort)).isEqualTo("+PONG");
        }
        assertThatThrownBy(() -> ping(redisPort)).isInstanceOf(ConnectException.class);
    }

    @Test
    void probeTellsKnownFromUnknownStrategiesAndOneGatewayNeedsNoRedis() {
        ClusterSettings settings = new ClusterSettings(1, "zero", 600, Map.of(), Map.of(), true,
                Duration.ofSeconds(60));
        try (BenchmarkCluster cluster = BenchmarkCluster.start(settings, 1, 1)) {
            assertThat(cluster.redisPort()).isEmpty();
            StrategyProbe probe = new StrategyProbe(http, json);
            Target gateway = cluster.gateways().getFirst();

            assertThat(probe.unavailableReason(gateway, BenchmarkCluster.MODEL, "least-request")).isNull();
            assertThat(probe.unavailableReason(gateway, BenchmarkCluster.MODEL, "no-such-strategy"))
                    .startsWith("the gateway rejects it: unknown routing strategy 'no-such-strategy'")
                    .contains("least-request");
        }
    }

    private static String get(Target target, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(target.endpoint(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private static String ping(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[5];
            int read = in.readNBytes(reply, 0, reply.length);
            return new String(reply, 0, read, StandardCharsets.US_ASCII);
        }
    }
}

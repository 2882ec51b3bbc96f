package io.aibrix.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.aibrix.testsupport.EmbeddedPostgresExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboards and the images' health check against the real services, started once from their exec jars: a
 * simulated engine, the gateway in front of it (static discovery), batch-service on a real PostgreSQL, behind the
 * gateway, and autoscaler-service in local mode with one PodAutoscaler. Some traffic goes through them first, since
 * several meters appear only once used.
 */
class RunningSuiteIntegrationTests {

    private static final String MODEL = "llama3-8b";

    @RegisterExtension
    static final EmbeddedPostgresExtension POSTGRES = EmbeddedPostgresExtension.create();

    private static ServiceProcess engine;
    private static ServiceProcess batch;
    private static ServiceProcess gateway;
    private static ServiceProcess autoscaler;

    @BeforeAll
    static void startTheServicesAndSendTraffic() {
        engine = ServiceProcess.start("engine-simulator", ServiceProcess.freePort(), "/health",
                Map.of("simulator.profile", "zero", "simulator.model", MODEL));
        int gatewayPort = ServiceProcess.freePort();
        Map<String, String> batchProperties = new LinkedHashMap<>(POSTGRES.springProperties("batch_dashboards"));
        batchProperties.put("batch.storage.local.directory",
                Path.of("target", "batch-files").toAbsolutePath().toString());
        batchProperties.put("batch.execution.targets", "http://127.0.0.1:" + gatewayPort);
        batch = ServiceProcess.start("batch-service", ServiceProcess.freePort(), "/actuator/health/readiness",
                batchProperties);
        gateway = ServiceProcess.start("gateway-service", gatewayPort, "/actuator/health/readiness", Map.of(
                "gateway.discovery.source", "static",
                "gateway.discovery.static.models[0].name", MODEL,
                "gateway.discovery.static.models[0].endpoints", "127.0.0.1:" + engine.port(),
                "gateway.batch.url", "http://127.0.0.1:" + batch.port()));

        for (int i = 0; i < 4; i++) {
            boolean stream = i % 2 == 1;
            assertThat(gateway.postJson("/v1/chat/completions", "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":"
                    + "\"user\",\"content\":\"hello number " + i + "\"}],\"max_tokens\":4,\"stream\":" + stream
                    + (stream ? ",\"stream_options\":{\"include_usage\":true}" : "") + "}").statusCode())
                    .isEqualTo(200);
        }
        assertThat(gateway.get("/v1/files").statusCode()).isEqualTo(200);
        assertThat(gateway.get("/v1/batches").statusCode()).isEqualTo(200);

        // No engine jar: the fleet cannot start engines, so the PodAutoscaler reports it, and is exported anyway.
        Map<String, String> autoscalerProperties = new LinkedHashMap<>(
                POSTGRES.springProperties("autoscaler_dashboards"));
        autoscalerProperties.put("autoscaler.reconcile.interval", "500ms");
        autoscaler = ServiceProcess.start("autoscaler-service", ServiceProcess.freePort(),
                "/actuator/health/readiness", autoscalerProperties);
        assertThat(autoscaler.postJson("/apis/autoscaling.aibrix.ai/v1alpha1/namespaces/default/podautoscalers",
                "{\"metadata\":{\"name\":\"llama\"},\"spec\":{\"scaleTargetRef\":{\"apiVersion\":\"apps/v1\","
                        + "\"kind\":\"Deployment\",\"name\":\"llama\"},\"minReplicas\":1,\"maxReplicas\":3,"
                        + "\"scalingStrategy\":\"KPA\",\"metricsSources\":[{\"metricSourceType\":\"pod\","
                        + "\"protocolType\":\"http\",\"path\":\"/metrics\",\"port\":\"8000\","
                        + "\"targetMetric\":\"vllm:num_requests_waiting\",\"targetValue\":\"4\"}]}}").statusCode())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> autoscaler.get("/actuator/prometheus").body()
                .contains("aibrix_autoscaler_desired_replicas{"));
    }

    @AfterAll
    static void stop() {
        for (ServiceProcess service : new ServiceProcess[] {autoscaler, gateway, batch, engine}) {
            if (service != null) {
                service.close();
            }
        }
    }

    @Test
    void queriesInEveryDashboardOnlyMetricsTheServicesExport() {
        Map<String, ServiceProcess> sources = Map.of("gateway", gateway, "engines", engine, "batch", batch,
                "autoscaler", autoscaler);
        Map<String, String> paths = Map.of("gateway", "/actuator/prometheus", "engines", "/metrics",
                "batch", "/actuator/prometheus", "autoscaler", "/actuator/prometheus");

        Map<String, JsonNode> dashboards = Dashboards.all();
        assertThat(sources.keySet()).as("each dashboard needs its service here").containsAll(dashboards.keySet());
        dashboards.forEach((name, dashboard) -> {
            Set<String> exported = exportedNames(sources.get(name).get(paths.get(name)).body());
            assertThat(exported).as(name + " scrape").isNotEmpty();
            assertThat(Dashboards.metricNames(dashboard)).as("metrics of dashboard " + name
                    + " that " + name + " does not export").isSubsetOf(exported);
        });
    }

    @Test
    void healthCheckScriptPassesOnAHealthyServiceAndFailsOtherwise() throws Exception {
        assertThat(healthCheck(engine.port(), "/health")).isZero();
        assertThat(healthCheck(gateway.port(), "/actuator/health/readiness")).isZero();
        assertThat(healthCheck(batch.port(), "/actuator/health/readiness")).isZero();
        assertThat(healthCheck(autoscaler.port(), "/actuator/health/readiness")).isZero();
        assertThat(healthCheck(gateway.port(), "/no-such-path")).isNotZero();
        assertThat(healthCheck(ServiceProcess.freePort(), "/health")).isNotZero();
    }

    /** Metric names of a Prometheus text exposition: each sample line's name. */
    static Set<String> exportedNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }

    private static int healthCheck(int port, String path) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", DeployFiles.path("deploy/docker/healthcheck.sh").toString(),
                Integer.toString(port), path).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(process.waitFor(15, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }
}

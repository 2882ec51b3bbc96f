package io.aibrix.benchmark.autoscaling;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One fleet's services, each a child JVM from the suite's jars: metadata-service (engine registry), the gateway
 * discovering engines from it, and autoscaler-service whose local fleet starts, registers and drains the engines.
 */
final class Stack implements AutoCloseable {

    private static final String TOKEN = "benchmark-admin-token-0123456789";
    private static final Duration STARTUP = Duration.ofSeconds(180);
    private static final List<String> HEAP = List.of("-Xmx384m", "-XX:+UseSerialGC");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ServiceProcess> services;
    private final HttpClient http;
    private final URI gateway;
    private final URI autoscaler;
    private final String fleet;

    private Stack(List<ServiceProcess> services, HttpClient http, URI gateway, URI autoscaler, String fleet) {
        this.services = services;
        this.http = http;
        this.gateway = gateway;
        this.autoscaler = autoscaler;
        this.fleet = fleet;
    }

    /** Starts the services and creates the fleet's PodAutoscaler ({@code spec}, named {@code fleet}). */
    static Stack start(AutoscalingPlan plan, String fleet, String spec, HttpClient http)
            throws IOException, InterruptedException {
        Path dir = Files.createDirectories(plan.workDir().resolve(fleet));
        List<ServiceProcess> started = new ArrayList<>();
        try {
            ServiceProcess metadata = ServiceProcess.start("metadata", plan.servicesDir().resolve(
                    "metadata-service.jar"), HEAP, List.of("--metadata.embedded-database.data-directory="
                            + dir.resolve("metadata-postgres")), Map.of("METADATA_SECURITY_ADMINTOKEN", TOKEN),
                    dir, STARTUP);
            started.add(metadata);
            send(http, "POST", metadata.base().resolve("/admin/v1/models"), "{\"name\":\"" + AutoscalingPlan.MODEL
                    + "\"}", 201);
            ServiceProcess gateway = ServiceProcess.start("gateway", plan.servicesDir().resolve("gateway-service.jar"),
                    HEAP, List.of("--gateway.discovery.source=metadata",
                            "--gateway.discovery.metadata.base-url=" + metadata.base()),
                    Map.of("GATEWAY_AUTH_ENABLED", "false"), dir, STARTUP);
            started.add(gateway);
            List<String> args = new ArrayList<>(List.of(
                    "--autoscaler.embedded-database.data-directory=" + dir.resolve("autoscaler-postgres"),
                    "--autoscaler.reconcile.interval=2s",
                    "--autoscaler.reconcile.stale-after=10s",
                    "--autoscaler.fleet.engine-jar=" + plan.servicesDir().resolve("engine-simulator.jar"),
                    "--autoscaler.fleet.model=" + AutoscalingPlan.MODEL,
                    "--autoscaler.fleet.base-port=" + ServiceProcess.freePort(),
                    "--autoscaler.fleet.max-engines=" + Math.max(plan.maxEngines(), plan.staticEngines()),
                    "--autoscaler.fleet.initial-engines=1",
                    "--autoscaler.fleet.startup-delay=" + plan.startupDelay().toMillis() + "ms",
                    "--autoscaler.fleet.metadata-url=" + metadata.base(),
                    "--autoscaler.fleet.log-directory=" + dir.resolve("engines")));
            for (int i = 0; i < plan.engineArgs().size(); i++) {
                args.add("--autoscaler.fleet.engine-args[" + i + "]=" + plan.engineArgs().get(i));
            }
            ServiceProcess autoscaler = ServiceProcess.start("autoscaler", plan.servicesDir().resolve(
                    "autoscaler-service.jar"), HEAP, args, Map.of("AUTOSCALER_FLEET_METADATATOKEN", TOKEN), dir,
                    STARTUP);
            started.add(autoscaler);
            send(http, "POST", autoscaler.base().resolve(
                    "/apis/autoscaling.aibrix.ai/v1alpha1/namespaces/default/podautoscalers"), spec, 201);
            return new Stack(started, http, gateway.base(), autoscaler.base(), fleet);
        }
        catch (IOException | InterruptedException | RuntimeException ex) {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
            throw ex;
        }
    }

    URI gateway() {
        return gateway;
    }

    /** The fleet's engines now: {@code [alive, ready]}. */
    int[] engines() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(autoscaler.resolve("/internal/v1/fleets"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode engines = JSON.readTree(response.body()).path(fleet);
        int alive = 0;
        int ready = 0;
        for (JsonNode engine : engines) {
            alive++;
            if (engine.asText().endsWith(":READY")) {
                ready++;
            }
        }
        return new int[] {alive, ready};
    }

    /** Waits until {@code count} engines serve and the gateway has had time to poll the registry. */
    void awaitReady(int count, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (engines()[1] < count) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the " + fleet + " fleet did not have " + count + " engines ready within "
                        + timeout.toSeconds() + " s");
            }
            Thread.sleep(500);
        }
        Thread.sleep(5000);
    }

    private static void send(HttpClient http, String method, URI uri, String json, int expected)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN)
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException(method + " " + uri + " answered HTTP " + response.statusCode() + ": "
                    + response.body());
        }
    }

    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
    }
}

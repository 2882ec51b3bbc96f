package io.aibrix.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import io.aibrix.benchmark.run.NanoClock;
import io.aibrix.testsupport.EngineFleetExtension;

/**
 * Tests for {@link BenchmarkCommand} runs against two simulated engines: model lookup, exact request counts,
 * goodput and failed requests, step statistics and seeded reproducibility. The shared-prefix run with its report
 * files, prefix-cache hits and engine metric deltas is covered by {@link BenchmarkIntegrationTests}.
 */
class BenchmarkCommandIntegrationTests {

    @RegisterExtension
    static EngineFleetExtension firstEngine = EngineFleetExtension.builder()
            .property("simulator.profile", "zero")
            .build();

    @RegisterExtension
    static EngineFleetExtension secondEngine = EngineFleetExtension.builder()
            .property("simulator.profile", "zero")
            .build();

    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final ObjectMapper json = new ObjectMapper();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    @AfterAll
    static void closeClient() {
        http.close();
    }

    @AfterEach
    void clearFaults() throws Exception {
        for (URI engine : engines()) {
            assertThat(send(engine, "DELETE", "/admin/faults", null).statusCode()).isEqualTo(204);
        }
    }

    @Test
    void runResolvesTheServedModelAndSendsExactlyTheRequestedNumberOfRequests() throws IOException {
        List<String> args = new ArrayList<>(targets());
        args.addAll(List.of("--workload", "shared-prefix", "--groups", "3", "--prefix-tokens", "40",
                "--suffix-tokens", "5", "--output-tokens", "4", "--qps", "40", "--num-requests", "30", "--seed", "3",
                "--slo-ttft", "1", "--no-progress", "--output-dir", dir.toString()));

        assertThat(execute(args)).as(err.toString()).isZero();

        JsonNode summary = json.readTree(dir.resolve("summary.json").toFile());
        assertThat(summary.path("run").path("model").asText()).isEqualTo(firstEngine.engine(0).model());
        assertThat(summary.path("counts").path("total").asLong()).isEqualTo(30);
        assertThat(summary.path("counts").path("succeeded").asLong()).isEqualTo(30);
        assertThat(summary.path("throughput").path("goodRequests").asLong()).isEqualTo(30);
        assertThat(Files.readAllLines(dir.resolve("requests.jsonl"))).hasSize(30);
        assertThat(out.toString()).contains("Benchmark summary", "TTFT", "Results in " + dir);
    }

    @Test
    void requestsAnEngineRejectsAreFailedRowsOutsideGoodputAndTheRunStillSucceeds() throws Exception {
        URI failing = secondEngine.engine(0).baseUri();
        assertThat(send(failing, "PUT", "/admin/faults", "{\"errorRate\":1.0,\"errorStatus\":503}").statusCode())
                .isEqualTo(200);
        List<String> args = new ArrayList<>(targets());
        args.addAll(List.of("--target-policy", "round-robin", "--output-tokens", "4", "--input-tokens", "8",
                "--qps", "40", "--num-requests", "20", "--seed", "5", "--slo-ttft", "1", "--no-progress",
                "--output-dir", dir.toString()));

        assertThat(execute(args)).as(err.toString()).isZero();

        JsonNode summary = json.readTree(dir.resolve("summary.json").toFile());
        JsonNode healthyPod = summary.path("pods").path(pod(firstEngine.engine(0).baseUri()));
        JsonNode failingPod = summary.path("pods").path(pod(failing));
        assertThat(healthyPod.path("requests").asLong()).isEqualTo(10);
        assertThat(healthyPod.path("failed").asLong()).isZero();
        assertThat(failingPod.path("requests").asLong()).isEqualTo(10);
        assertThat(failingPod.path("failed").asLong()).isEqualTo(10);
        assertThat(summary.path("counts").path("succeeded").asLong()).isEqualTo(10);
        assertThat(summary.path("counts").path("failed").asLong()).isEqualTo(10);
        assertThat(summary.path("throughput").path("goodRequests").asLong()).isEqualTo(10);
        Map<String, Long> errors = new LinkedHashMap<>();
        summary.path("errors").properties().forEach(e -> errors.put(e.getKey(), e.getValue().asLong()));
        assertThat(errors).hasSize(1);
        assertThat(errors.keySet().iterator().next()).startsWith("HTTP 503: ");
        assertThat(errors.values()).containsExactly(10L);
    }

    @Test
    void stepStatsCoverOnlyTheRunBecauseEveryEngineIsResetFirst() throws Exception {
        // every engine first runs 300 decode steps that the report must not include
        for (URI engine : engines()) {
            assertThat(send(engine, "POST", "/v1/completions",
                    "{\"prompt\":\"warm up\",\"max_tokens\":300,\"ignore_eos\":true}").statusCode()).isEqualTo(200);
            assertThat(steps(engine)).isGreaterThanOrEqualTo(300);
        }
        List<String> args = new ArrayList<>(targets());
        args.addAll(List.of("--output-tokens", "4", "--input-tokens", "8", "--qps", "40", "--num-requests", "10",
                "--seed", "7", "--step-stats", "--no-progress", "--output-dir", dir.toString()));

        assertThat(execute(args)).as(err.toString()).isZero();

        assertThat(err.toString()).doesNotContain("warning");
        JsonNode report = json.readTree(dir.resolve("summary.json").toFile()).path("stepStats");
        long total = 0;
        for (URI engine : engines()) {
            long steps = steps(engine);
            total += steps;
            JsonNode row = find(report.path("engines"), pod(engine));
            assertThat(row.path("error").isNull()).isTrue();
            assertThat(row.path("stats").path("steps").asLong()).isEqualTo(steps);
        }
        // ten requests of four tokens: at most one prefill and three decode steps each
        assertThat(report.path("aggregate").path("steps").asLong()).isEqualTo(total).isPositive()
                .isLessThanOrEqualTo(40);
    }

    @Test
    void sameSeedSendsTheSameRequestsToTheSameTargets() throws IOException {
        List<String> first = requestKeys(dir.resolve("a"));
        List<String> second = requestKeys(dir.resolve("b"));
        assertThat(first).hasSize(12).isEqualTo(second);
        assertThat(first).anySatisfy(key -> assertThat(key).endsWith(pod(firstEngine.engine(0).baseUri())))
                .anySatisfy(key -> assertThat(key).endsWith(pod(secondEngine.engine(0).baseUri())));
    }

    private List<String> requestKeys(Path output) throws IOException {
        List<String> args = new ArrayList<>(targets());
        args.addAll(List.of("--workload", "shared-prefix", "--groups", "4", "--prefix-tokens", "8", "--suffix-tokens",
                "2", "--output-tokens", "2", "--qps", "50", "--num-requests", "12", "--seed", "9", "--no-progress",
                "--output-dir", output.toString()));
        assertThat(execute(args)).as(err.toString()).isZero();
        List<String> keys = new ArrayList<>();
        for (String line : Files.readAllLines(output.resolve("requests.jsonl"))) {
            JsonNode row = json.readTree(line);
            keys.add(row.path("id").asText() + "/" + row.path("group").asText() + "/"
                    + row.path("intendedSendSeconds").asText() + "/" + row.path("targetPod").asText());
        }
        return keys;
    }

    private static List<URI> engines() {
        return List.of(firstEngine.engine(0).baseUri(), secondEngine.engine(0).baseUri());
    }

    private static List<String> targets() {
        List<String> args = new ArrayList<>();
        for (URI engine : engines()) {
            args.add("--target");
            args.add(engine.toString());
        }
        return args;
    }

    private static String pod(URI engine) {
        return engine.getHost() + ":" + engine.getPort();
    }

    private static JsonNode find(JsonNode rows, String engine) {
        for (JsonNode row : rows) {
            if (row.path("engine").asText().equals(engine)) {
                return row;
            }
        }
        throw new AssertionError("no step statistics for " + engine + " in " + rows);
    }

    private long steps(URI engine) throws Exception {
        HttpResponse<String> response = send(engine, "GET", "/admin/step-stats", null);
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body()).path("steps").asLong();
    }

    private static HttpResponse<String> send(URI engine, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return http.send(HttpRequest.newBuilder(engine.resolve(path)).header("Content-Type", "application/json")
                .method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
    }

    private int execute(List<String> args) {
        CommandLine commandLine = BenchmarkCommand.configure(new CommandLine(
                new BenchmarkCommand(Clock.systemUTC(), NanoClock.system())));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args.toArray(String[]::new));
    }
}

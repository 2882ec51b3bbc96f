package io.aibrix.benchmark.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.aibrix.benchmark.run.Dispatch;
import io.aibrix.benchmark.run.NanoClock;
import io.aibrix.benchmark.run.RequestOutcome;
import io.aibrix.benchmark.run.RequestResult;
import io.aibrix.benchmark.workload.ChatMessage;
import io.aibrix.benchmark.workload.RequestSpec;
import io.aibrix.benchmark.workload.RequestTags;

/** Tests for {@link StreamingClient} against a {@link FakeEngine}. */
class StreamingClientTests {

    private final FakeEngine engine;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final NanoClock clock = NanoClock.system();

    StreamingClientTests() throws IOException {
        engine = new FakeEngine();
    }

    @AfterEach
    void stop() {
        engine.close();
        http.close();
    }

    @Test
    void measuresTtftInterTokenGapsTpotAndUsage() {
        engine.tokenDelayMillis(20);
        RequestOutcome outcome = client(Api.CHAT, Duration.ofSeconds(10), engine).execute(dispatch(7, "a b c d", 6));
        RequestResult result = outcome.result();

        assertThat(result.error()).isNull();
        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(result.id()).isEqualTo(7);
        assertThat(result.tags()).isEqualTo(RequestTags.group(2));
        assertThat(result.targetPod()).isEqualTo(engine.pod());
        assertThat(result.promptTokens()).isEqualTo(4);
        assertThat(result.completionTokens()).isEqualTo(6);
        assertThat(result.cachedTokens()).isZero();
        assertThat(result.ttftSeconds()).isGreaterThanOrEqualTo(0.015);
        assertThat(result.interTokenSeconds()).hasSize(5)
                .allSatisfy(gap -> assertThat(gap).isCloseTo(0.020, within(0.015)));
        assertThat(result.tpotSeconds()).isCloseTo((result.e2eSeconds() - result.ttftSeconds()) / 5, within(1e-9));
        assertThat(result.e2eSeconds()).isGreaterThan(result.ttftSeconds());
        assertThat(result.dispatchLagSeconds()).isGreaterThanOrEqualTo(0).isLessThan(0.5);
        assertThat(outcome.text()).isEqualTo(" tok0 tok1 tok2 tok3 tok4 tok5");
    }

    @Test
    void repeatedPrefixIsReportedAsCachedTokens() {
        StreamingClient client = client(Api.CHAT, Duration.ofSeconds(10), engine);
        client.execute(dispatch(0, "x y z", 2));
        assertThat(client.execute(dispatch(1, "x y z", 2)).result().cachedTokens()).isEqualTo(3);
    }

    @Test
    void sendsStreamingBodyApiKeyAndRoutingStrategy() {
        EndpointSettings settings = new EndpointSettings(Api.CHAT, "m1", "secret", "prefix-cache",
                Duration.ofSeconds(10));
        new StreamingClient(http, settings, selector(engine), clock, new ObjectMapper()).execute(dispatch(0, "hi", 3));

        assertThat(engine.requestHeaders().getFirst().getFirst("Authorization")).isEqualTo("Bearer secret");
        assertThat(engine.requestHeaders().getFirst().getFirst("routing-strategy")).isEqualTo("prefix-cache");
        var body = engine.requestBodies().getFirst();
        assertThat(body.path("model").asText()).isEqualTo("m1");
        assertThat(body.path("messages").path(0).path("role").asText()).isEqualTo("user");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(3);
        assertThat(body.path("ignore_eos").asBoolean()).isTrue();
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Test
    void completionsApiSendsAFlatPromptAndReadsText() {
        RequestOutcome outcome = client(Api.COMPLETIONS, Duration.ofSeconds(10), engine)
                .execute(dispatch(0, "one two", 2));
        assertThat(engine.requestBodies().getFirst().path("prompt").asText()).isEqualTo("one two");
        assertThat(outcome.result().succeeded()).isTrue();
        assertThat(outcome.text()).isEqualTo(" tok0 tok1");
    }

    @Test
    void httpErrorBecomesAFailedRowWithStatusAndMessage() {
        engine.failWithStatus(503);
        RequestResult result = client(Api.CHAT, Duration.ofSeconds(10), engine).execute(dispatch(3, "a", 2)).result();
        assertThat(result.succeeded()).isFalse();
        assertThat(result.httpStatus()).isEqualTo(503);
        assertThat(result.error()).isEqualTo("HTTP 503: engine overloaded");
        assertThat(result.ttftSeconds()).isNull();
        assertThat(result.e2eSeconds()).isNull();
    }

    @Test
    void refusedConnectionBecomesAFailedRow() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TargetSelector nowhere = new TargetSelector(List.of(Target.parse("http://127.0.0.1:" + closedPort)),
                TargetPolicy.RANDOM, 1);
        RequestResult result = new StreamingClient(http, settings(Api.CHAT, Duration.ofSeconds(5)), nowhere, clock,
                new ObjectMapper()).execute(dispatch(0, "a", 1)).result();
        assertThat(result.succeeded()).isFalse();
        assertThat(result.httpStatus()).isZero();
        assertThat(result.error()).contains("ConnectException");
        assertThat(result.targetPod()).isEqualTo("127.0.0.1:" + closedPort);
    }

    @Test
    void slowStreamTimesOutAsAFailedRowKeepingItsTtft() {
        engine.tokenDelayMillis(100);
        long start = System.nanoTime();
        RequestResult result = client(Api.CHAT, Duration.ofMillis(350), engine).execute(dispatch(0, "a", 50))
                .result();
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(2.0);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.error()).startsWith("timed out after 0.35 s");
        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(result.ttftSeconds()).isNotNull();
        assertThat(result.endSeconds()).isGreaterThanOrEqualTo(0.35);
    }

    @Test
    void singleTargetRecordsTheTargetPodHeader() {
        engine.podHeader("10.0.0.7:8000");
        RequestResult result = client(Api.CHAT, Duration.ofSeconds(10), engine).execute(dispatch(0, "a", 1)).result();
        assertThat(result.targetPod()).isEqualTo("10.0.0.7:8000");
    }

    @Test
    void severalTargetsRecordTheClientsOwnChoice() throws IOException {
        engine.podHeader("ignored:1");
        try (FakeEngine other = new FakeEngine()) {
            StreamingClient client = new StreamingClient(http, settings(Api.CHAT, Duration.ofSeconds(10)),
                    new TargetSelector(List.of(Target.parse(engine.baseUri().toString()),
                            Target.parse(other.baseUri().toString())), TargetPolicy.ROUND_ROBIN, 1),
                    clock, new ObjectMapper());
            assertThat(List.of(client.execute(dispatch(0, "a", 1)).result().targetPod(),
                    client.execute(dispatch(1, "a", 1)).result().targetPod()))
                    .containsExactly(engine.pod(), other.pod());
        }
    }

    private StreamingClient client(Api api, Duration timeout, FakeEngine target) {
        return new StreamingClient(http, settings(api, timeout), selector(target), clock, new ObjectMapper());
    }

    private static EndpointSettings settings(Api api, Duration timeout) {
        return new EndpointSettings(api, "fake-model", null, null, timeout);
    }

    private static TargetSelector selector(FakeEngine target) {
        return new TargetSelector(List.of(Target.parse(target.baseUri().toString())), TargetPolicy.RANDOM, 1);
    }

    private Dispatch dispatch(long id, String prompt, int maxTokens) {
        long now = clock.nanoTime();
        return new Dispatch(id, new RequestSpec(List.of(ChatMessage.user(prompt)), maxTokens, RequestTags.group(2)),
                now, now);
    }
}

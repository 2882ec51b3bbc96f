package io.aibrix.benchmark.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.aibrix.benchmark.run.Dispatch;
import io.aibrix.benchmark.run.NanoClock;
import io.aibrix.benchmark.run.RequestOutcome;
import io.aibrix.benchmark.run.RequestResult;
import io.aibrix.benchmark.workload.ChatMessage;
import io.aibrix.benchmark.workload.RequestSpec;
import io.aibrix.benchmark.workload.RequestTags;
import io.aibrix.testsupport.EngineFleetExtension;

/**
 * Tests for {@link StreamingClient} against simulated engines: token timing from the step-time model, usage and
 * prefix-cache hits, and the failures the simulator injects (error status, stall, cut stream).
 */
class StreamingClientIntegrationTests {


    /** An engine without model delay, for protocol, usage, caching, faults and target choice. */
    @RegisterExtension
    static EngineFleetExtension zero = EngineFleetExtension.builder()
            .property("simulator.profile", "zero")
            .build();

    /** A second engine without model delay, with a prefix cache and faults of its own. */
    @RegisterExtension
    static EngineFleetExtension otherZero = EngineFleetExtension.builder()
            .property("simulator.profile", "zero")
            .build();

    private static final double TIME_SCALE = 0.5;

    /** One engine modelling Llama-3-8B on an A100 at twice its speed: every step takes at least its base cost. */
    @RegisterExtension
    static EngineFleetExtension timed = EngineFleetExtension.builder()
            .property("simulator.profile", "llama3-8b-a100")
            .property("simulator.time-scale", TIME_SCALE)
            .build();

    /** The A100 profile's per-step base cost (16.4 ms), scaled: a lower bound of every step, decode included. */
    private static final double MIN_STEP_SECONDS = 0.0164 * TIME_SCALE;

    /** Llama-3 chat template tokens around one user message: BOS, two headers of three tokens, end of turn. */
    private static final int CHAT_TEMPLATE_TOKENS = 8;

    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final NanoClock clock = NanoClock.system();
    private final ObjectMapper json = new ObjectMapper();

    @AfterAll
    static void closeClient() {
        http.close();
    }

    @AfterEach
    void clearFaults() throws Exception {
        for (URI engine : List.of(zero.engine(0).baseUri(), otherZero.engine(0).baseUri())) {
            assertThat(admin(engine, "DELETE", "/admin/faults", null).statusCode()).isEqualTo(204);
        }
    }

    @Test
    void measuresTtftInterTokenGapsTpotAndUsageFromTheEnginesStepTiming() {
        URI engine = timed.engine(0).baseUri();
        RequestOutcome outcome = client(Api.CHAT, Duration.ofSeconds(10), engine)
                .execute(dispatch(7, "a b c d", 20));
        RequestResult result = outcome.result();

        assertThat(result.error()).isNull();
        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(result.id()).isEqualTo(7);
        assertThat(result.tags()).isEqualTo(RequestTags.group(2));
        assertThat(result.targetPod()).isEqualTo(pod(engine));
        assertThat(result.promptTokens()).isEqualTo(4 + CHAT_TEMPLATE_TOKENS);
        assertThat(result.completionTokens()).isEqualTo(20);
        assertThat(result.cachedTokens()).isZero();
        assertThat(result.ttftSeconds()).isGreaterThanOrEqualTo(MIN_STEP_SECONDS);
        // two tokens can share one socket read on a busy machine, so a single gap may be zero
        assertThat(result.interTokenSeconds()).hasSize(19).allSatisfy(gap -> assertThat(gap).isNotNegative());
        double meanGap = result.interTokenSeconds().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertThat(meanGap).isCloseTo(MIN_STEP_SECONDS, within(MIN_STEP_SECONDS * 0.5));
        assertThat(result.tpotSeconds()).isCloseTo((result.e2eSeconds() - result.ttftSeconds()) / 19, within(1e-9))
                .isGreaterThanOrEqualTo(meanGap - 1e-9);
        assertThat(result.e2eSeconds()).isGreaterThan(result.ttftSeconds() + 18 * MIN_STEP_SECONDS * 0.5);
        assertThat(result.dispatchLagSeconds()).isGreaterThanOrEqualTo(0).isLessThan(0.5);
        assertThat(outcome.text().split(" ")).hasSize(20).allSatisfy(word -> assertThat(word).isNotBlank());
    }

    @Test
    void engineWithoutModelDelayStreamsFarFasterThanTheModelledStepTime() {
        RequestResult result = client(Api.CHAT, Duration.ofSeconds(10), zero.engine(0).baseUri())
                .execute(dispatch(0, "a b c d", 20)).result();

        assertThat(result.succeeded()).isTrue();
        assertThat(result.interTokenSeconds()).hasSize(19);
        assertThat(result.tpotSeconds()).isLessThan(MIN_STEP_SECONDS / 2);
    }

    @Test
    void repeatedPromptIsReportedAsCachedTokensByTheSameEngineOnly() {
        String prompt = words(40);
        StreamingClient first = client(Api.CHAT, Duration.ofSeconds(10), zero.engine(0).baseUri());
        StreamingClient second = client(Api.CHAT, Duration.ofSeconds(10), otherZero.engine(0).baseUri());

        RequestResult cold = first.execute(dispatch(0, prompt, 2)).result();
        RequestResult warm = first.execute(dispatch(1, prompt, 2)).result();
        RequestResult otherEngine = second.execute(dispatch(2, prompt, 2)).result();

        assertThat(cold.promptTokens()).isEqualTo(40 + CHAT_TEMPLATE_TOKENS);
        assertThat(cold.cachedTokens()).isZero();
        // whole 16-token KV blocks, and never the last prompt token, which must be computed to sample
        assertThat(warm.cachedTokens()).isPositive().isLessThan(warm.promptTokens()).isEqualTo(32);
        assertThat(otherEngine.cachedTokens()).isZero();
    }

    @Test
    void sendsAStreamingBodyWithApiKeyAndRoutingStrategyThatTheEngineServes() throws Exception {
        RecordingHttpClient recording = new RecordingHttpClient(http);
        String model = zero.engine(0).model();
        EndpointSettings settings = new EndpointSettings(Api.CHAT, model, "secret", "prefix-cache",
                Duration.ofSeconds(10));

        RequestResult result = new StreamingClient(recording, settings, selector(zero.engine(0).baseUri()), clock,
                json).execute(dispatch(0, "hi", 3)).result();

        HttpRequest request = recording.requests.getFirst();
        assertThat(request.uri()).isEqualTo(zero.engine(0).baseUri().resolve("/v1/chat/completions"));
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.headers().firstValue("Authorization")).hasValue("Bearer secret");
        assertThat(request.headers().firstValue("routing-strategy")).hasValue("prefix-cache");
        assertThat(request.headers().firstValue("Accept")).hasValue("text/event-stream");
        JsonNode body = json.readTree(bodyOf(request));
        assertThat(body.path("model").asText()).isEqualTo(model);
        assertThat(body.path("messages").path(0).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").path(0).path("content").asText()).isEqualTo("hi");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(3);
        assertThat(body.path("ignore_eos").asBoolean()).isTrue();
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
        // the engine streamed it, generated exactly max_tokens and reported usage
        assertThat(result.error()).isNull();
        assertThat(result.completionTokens()).isEqualTo(3);
        assertThat(result.promptTokens()).isEqualTo(1 + CHAT_TEMPLATE_TOKENS);
    }

    @Test
    void sendsTheRequestsUserAsHeaderAndBodyField() throws Exception {
        RecordingHttpClient recording = new RecordingHttpClient(http);
        long now = clock.nanoTime();
        Dispatch dispatch = new Dispatch(3, new RequestSpec(List.of(ChatMessage.user("hi")), 2,
                RequestTags.userClass("light"), "light-2"), now, now);

        RequestResult result = new StreamingClient(recording, settings(Api.CHAT, Duration.ofSeconds(10)),
                selector(zero.engine(0).baseUri()), clock, json).execute(dispatch).result();

        HttpRequest request = recording.requests.getFirst();
        assertThat(request.headers().firstValue("user")).hasValue("light-2");
        assertThat(json.readTree(bodyOf(request)).path("user").asText()).isEqualTo("light-2");
        assertThat(result.error()).isNull();
        assertThat(result.tags().userClass()).isEqualTo("light");
    }

    @Test
    void requestWithoutAUserSendsNeither() throws Exception {
        RecordingHttpClient recording = new RecordingHttpClient(http);

        new StreamingClient(recording, settings(Api.CHAT, Duration.ofSeconds(10)), selector(zero.engine(0).baseUri()),
                clock, json).execute(dispatch(4, "hi", 1));

        HttpRequest request = recording.requests.getFirst();
        assertThat(request.headers().firstValue("user")).isEmpty();
        assertThat(json.readTree(bodyOf(request)).has("user")).isFalse();
    }

    @Test
    void unknownModelBecomesAFailedRowWithTheEnginesNotFoundStatus() {
        EndpointSettings settings = new EndpointSettings(Api.CHAT, "no-such-model", null, null,
                Duration.ofSeconds(10));
        RequestResult result = new StreamingClient(http, settings, selector(zero.engine(0).baseUri()), clock, json)
                .execute(dispatch(0, "hi", 3)).result();

        assertThat(result.succeeded()).isFalse();
        assertThat(result.httpStatus()).isEqualTo(404);
        assertThat(result.error()).startsWith("HTTP 404: ").contains("no-such-model").doesNotContain("{");
    }

    @Test
    void completionsApiSendsAFlatPromptAndReadsText() {
        RequestOutcome outcome = client(Api.COMPLETIONS, Duration.ofSeconds(10), zero.engine(0).baseUri())
                .execute(dispatch(0, "one two", 2));

        assertThat(outcome.result().succeeded()).isTrue();
        // one BOS token before the two prompt words: the prompt went out flat, without a chat template
        assertThat(outcome.result().promptTokens()).isEqualTo(3);
        assertThat(outcome.result().completionTokens()).isEqualTo(2);
        assertThat(outcome.text()).matches("\\S+ \\S+");
    }

    @Test
    void httpErrorBecomesAFailedRowWithStatusAndTheErrorMessage() throws Exception {
        URI engine = zero.engine(0).baseUri();
        assertThat(admin(engine, "PUT", "/admin/faults", "{\"errorRate\":1.0,\"errorStatus\":503}").statusCode())
                .isEqualTo(200);
        HttpResponse<String> raw = post(engine, "/v1/chat/completions",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}],\"max_tokens\":2}");
        assertThat(raw.statusCode()).isEqualTo(503);
        String message = json.readTree(raw.body()).path("error").path("message").asText();

        RequestResult result = client(Api.CHAT, Duration.ofSeconds(10), engine).execute(dispatch(3, "a", 2))
                .result();

        assertThat(result.succeeded()).isFalse();
        assertThat(result.httpStatus()).isEqualTo(503);
        assertThat(message).isNotBlank();
        assertThat(result.error()).isEqualTo("HTTP 503: " + message);
        assertThat(result.ttftSeconds()).isNull();
        assertThat(result.e2eSeconds()).isNull();
    }

    @Test
    void refusedConnectionBecomesAFailedRow() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RequestResult result = client(Api.CHAT, Duration.ofSeconds(5), URI.create("http://127.0.0.1:" + closedPort))
                .execute(dispatch(0, "a", 1)).result();

        assertThat(result.succeeded()).isFalse();
        assertThat(result.httpStatus()).isZero();
        assertThat(result.error()).contains("ConnectException");
        assertThat(result.targetPod()).isEqualTo("127.0.0.1:" + closedPort);
    }

    @Test
    void slowStreamTimesOutAsAFailedRowKeepingItsTtft() {
        // 400 tokens take at least 400 modelled steps (over 3 s); the client gives up after 0.35 s
        long start = System.nanoTime();
        RequestResult result = client(Api.CHAT, Duration.ofMillis(350), timed.engine(0).baseUri())
                .execute(dispatch(0, "a", 400)).result();

        assertThat((System.nanoTime() - start) / 1e9).isLessThan(2.0);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.error()).startsWith("timed out after 0.35 s");
        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(result.ttftSeconds()).isNotNull().isLessThan(0.35);
        assertThat(result.interTokenSeconds()).isNotEmpty();
        assertThat(result.completionTokens()).isPositive().isLessThan(400);
        assertThat(result.e2eSeconds()).isNull();
        assertThat(result.endSeconds()).isGreaterThanOrEqualTo(0.35);
    }

    @Test
    void stalledEngineTimesOutAsAFailedRowWithoutTtft() throws Exception {
        URI engine = otherZero.engine(0).baseUri();
        assertThat(admin(engine, "PUT", "/admin/faults", "{\"stallMs\":3000}").statusCode()).isEqualTo(200);

        long start = System.nanoTime();
        RequestResult result = client(Api.CHAT, Duration.ofMillis(300), engine).execute(dispatch(0, "a", 5))
                .result();

        assertThat((System.nanoTime() - start) / 1e9).isLessThan(2.0);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.error()).startsWith("timed out after 0.3 s");
        assertThat(result.ttftSeconds()).isNull();
        assertThat(result.completionTokens()).isZero();
        assertThat(result.endSeconds()).isGreaterThanOrEqualTo(0.3);
    }

    @Test
    void streamCutBeforeDoneBecomesAFailedRowKeepingTheTokensReceived() throws Exception {
        URI engine = zero.engine(0).baseUri();
        assertThat(admin(engine, "PUT", "/admin/faults", "{\"dropStreamAfterTokens\":3}").statusCode())
                .isEqualTo(200);

        RequestOutcome outcome = client(Api.CHAT, Duration.ofSeconds(10), engine).execute(dispatch(0, "a", 10));
        RequestResult result = outcome.result();

        assertThat(result.succeeded()).isFalse();
        assertThat(result.error()).isNotBlank();
        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(result.ttftSeconds()).isNotNull();
        assertThat(result.e2eSeconds()).isNull();
        assertThat(result.completionTokens()).isEqualTo(3);
        assertThat(result.interTokenSeconds()).hasSize(2);
        assertThat(outcome.text().split(" ")).hasSize(3);
    }

    @Test
    void severalTargetsRecordTheClientsOwnChoice() {
        URI first = zero.engine(0).baseUri();
        URI second = otherZero.engine(0).baseUri();
        StreamingClient client = new StreamingClient(http, settings(Api.CHAT, Duration.ofSeconds(10)),
                new TargetSelector(List.of(Target.parse(first.toString()), Target.parse(second.toString())),
                        TargetPolicy.ROUND_ROBIN, 1),
                clock, json);

        List<RequestResult> results = List.of(client.execute(dispatch(0, "a", 1)).result(),
                client.execute(dispatch(1, "a", 1)).result());

        assertThat(results).allSatisfy(result -> assertThat(result.succeeded()).isTrue());
        assertThat(results).extracting(RequestResult::targetPod).containsExactly(pod(first), pod(second));
    }

    private StreamingClient client(Api api, Duration timeout, URI target) {
        return new StreamingClient(http, settings(api, timeout), selector(target), clock, json);
    }

    private static EndpointSettings settings(Api api, Duration timeout) {
        return new EndpointSettings(api, zero.engine(0).model(), null, null, timeout);
    }

    private static TargetSelector selector(URI target) {
        return new TargetSelector(List.of(Target.parse(target.toString())), TargetPolicy.RANDOM, 1);
    }

    private Dispatch dispatch(long id, String prompt, int maxTokens) {
        long now = clock.nanoTime();
        return new Dispatch(id, new RequestSpec(List.of(ChatMessage.user(prompt)), maxTokens, RequestTags.group(2)),
                now, now);
    }

    private static String pod(URI engine) {
        return engine.getHost() + ":" + engine.getPort();
    }

    /** Words no other test sends, so no engine has any of their blocks cached yet. */
    private static String words(int count) {
        String run = UUID.randomUUID().toString().replace("-", "");
        return IntStream.range(0, count).mapToObj(i -> "w" + i + run).collect(Collectors.joining(" "));
    }

    private static HttpResponse<String> admin(URI engine, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return http.send(HttpRequest.newBuilder(engine.resolve(path)).header("Content-Type", "application/json")
                .method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(URI engine, String path, String body)
            throws IOException, InterruptedException {
        return admin(engine, "POST", path, body);
    }

    /** The bytes a request's body publisher produces. */
    private static byte[] bodyOf(HttpRequest request) {
        HttpRequest.BodyPublisher publisher = request.bodyPublisher().orElseThrow();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<ByteBuffer>() {

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.writeBytes(chunk);
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                done.complete(bytes.toByteArray());
            }
        });
        return done.join();
    }

    /**
     * The real HTTP client, remembering every request it sends: the only way to see the headers the client sets
     * that the engine does not act upon ({@code Authorization}, {@code routing-strategy}).
     */
    private static final class RecordingHttpClient extends HttpClient {

        private final HttpClient delegate;
        final List<HttpRequest> requests = new CopyOnWriteArrayList<>();

        RecordingHttpClient(HttpClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
                throws IOException, InterruptedException {
            requests.add(request);
            return delegate.send(request, handler);
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
                HttpResponse.BodyHandler<T> handler) {
            requests.add(request);
            return delegate.sendAsync(request, handler);
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
                HttpResponse.BodyHandler<T> handler, HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
            requests.add(request);
            return delegate.sendAsync(request, handler, pushPromiseHandler);
        }

        @Override
        public Optional<CookieHandler> cookieHandler() {
            return delegate.cookieHandler();
        }

        @Override
        public Optional<Duration> connectTimeout() {
            return delegate.connectTimeout();
        }

        @Override
        public Redirect followRedirects() {
            return delegate.followRedirects();
        }

        @Override
        public Optional<ProxySelector> proxy() {
            return delegate.proxy();
        }

        @Override
        public SSLContext sslContext() {
            return delegate.sslContext();
        }

        @Override
        public SSLParameters sslParameters() {
            return delegate.sslParameters();
        }

        @Override
        public Optional<Authenticator> authenticator() {
            return delegate.authenticator();
        }

        @Override
        public Version version() {
            return delegate.version();
        }

        @Override
        public Optional<Executor> executor() {
            return delegate.executor();
        }
    }
}

package io.aibrix.gateway.pd;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.endpoint.EndpointRegistry;
import io.aibrix.gateway.endpoint.EndpointSnapshot;
import io.aibrix.gateway.endpoint.EndpointSource;
import io.aibrix.gateway.enginestats.EngineMetrics;
import io.aibrix.gateway.openai.InferenceApi;
import io.aibrix.gateway.openai.InferenceRequestParser;
import io.aibrix.gateway.support.StubEngine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.lang.Nullable;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link PdPrefillFilter} with a real local HTTP stub as the prefill engine, and the proxy's side
 * ({@link PdExchangeAccess}, the rest of the filter chain) played by recording stand-ins.
 */
class PdPrefillFilterIntegrationTests {

    private static final String BODY = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}],"
            + "\"stream\":true,\"max_tokens\":50}";

    private static final String PARAMS = "{\"do_remote_prefill\":true,\"remote_block_ids\":[1,2],\"remote_port\":7}";

    private final StubEngine prefillEngine = new StubEngine();

    private final Endpoint prefill = endpoint(prefillEngine.baseUri(), "prefill");

    private final Endpoint decode = endpoint(URI.create("http://127.0.0.1:9"), "decode");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private final RecordingAccess access = new RecordingAccess();

    private final RecordingChain chain = new RecordingChain();

    @AfterEach
    void closeEngine() {
        prefillEngine.close();
    }

    @Test
    void passesRequestsRoutedWithAnotherStrategyThrough() {
        access.strategy = "least-request";

        filter(List.of(prefill, decode)).filter(exchange(), chain).block();

        assertThat(chain.forwarded).hasSize(1);
        assertThat(prefillEngine.inferenceRequests()).isEmpty();
        assertThat(access.events).isEmpty();
    }

    @Test
    void prefillsThenForwardsTheClientsBodyWithTheEnginesTransferParams() {
        prefillEngine.replying(200, "application/json", "{\"id\":\"x\",\"kv_transfer_params\":" + PARAMS + "}");
        MockServerWebExchange exchange = exchange();

        filter(List.of(prefill, decode)).filter(exchange, chain).block();
        exchange.getResponse().setComplete().block();

        String sent = new String(prefillEngine.inferenceRequests().getFirst().body(), StandardCharsets.UTF_8);
        assertThat(sent).contains("\"stream\":false", "\"max_tokens\":1", "\"do_remote_decode\":true");
        assertThat(access.forwardedBody)
            .isEqualTo(BODY.substring(0, BODY.length() - 1) + ",\"kv_transfer_params\":" + PARAMS + "}");
        assertThat(access.events).containsExactly("call " + prefill.address(), "succeeded");
        assertThat(exchange.getResponse().getHeaders().toSingleValueMap()).containsEntry("x-aibrix-pd-mode",
                "disaggregated").containsEntry("x-aibrix-prefill-pod-ip", prefill.address());
        assertThat(meters.get("gateway.pd.pairs").tag("decode", decode.name()).counter().count()).isEqualTo(1);
        assertThat(meters.get("gateway.pd.prefill.duration").tag("outcome", "success").timer().count()).isEqualTo(1);
    }

    @Test
    void fallsBackToTheClientsOwnBodyWhenThePrefillEngineFails() {
        prefillEngine.replying(503, "application/json", "{\"error\":{\"message\":\"overloaded\"}}");
        MockServerWebExchange exchange = exchange();

        filter(List.of(prefill, decode)).filter(exchange, chain).block();
        exchange.getResponse().setComplete().block();

        assertThat(chain.forwarded).hasSize(1);
        assertThat(access.forwardedBody).isNull();
        assertThat(access.events).containsExactly("call " + prefill.address(), "failed");
        assertThat(exchange.getResponse().getHeaders().getFirst("x-aibrix-pd-mode")).isEqualTo("fallback");
        assertThat(exchange.getResponse().getHeaders().getFirst("x-aibrix-prefill-pod")).isNull();
        assertThat(meters.get("gateway.pd.prefill.fallbacks").tag("reason", "status_5xx").counter().count())
            .isEqualTo(1);
    }

    @Test
    void fallsBackWithoutAPrefillWhenTheBreakerRefusesTheCall() {
        access.refuseCalls = true;

        filter(List.of(prefill, decode)).filter(exchange(), chain).block();

        assertThat(prefillEngine.inferenceRequests()).isEmpty();
        assertThat(chain.forwarded).hasSize(1);
        assertThat(meters.get("gateway.pd.prefill.fallbacks").tag("reason", "circuit_open").counter().count())
            .isEqualTo(1);
    }

    @Test
    void servesOnACombinedEngineWhenNoPairExists() {
        MockServerWebExchange exchange = exchange();

        filter(List.of(decode, endpoint(URI.create("http://127.0.0.1:10"), null))).filter(exchange, chain).block();
        exchange.getResponse().setComplete().block();

        assertThat(prefillEngine.inferenceRequests()).isEmpty();
        assertThat(access.forwardedBody).isNull();
        assertThat(exchange.getResponse().getHeaders().getFirst("x-aibrix-pd-mode")).isEqualTo("combined");
    }

    @Test
    void answersUnavailableWithoutAPrefillEngine() {
        assertThatThrownBy(() -> filter(List.of(decode)).filter(exchange(), chain).block())
            .hasMessageStartingWith("No usable prefill engine serves model 'm'");
        assertThat(chain.forwarded).isEmpty();
    }

    @Test
    void endsThePrefillCallWithoutAVerdictWhenTheClientGoesAway() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Endpoint stuck = endpoint(URI.create("http://127.0.0.1:" + silent.getLocalPort()), "prefill");

            Disposable request = filter(List.of(stuck, decode)).filter(exchange(), chain).subscribe();
            await().atMost(Duration.ofSeconds(5)).until(() -> !access.events.isEmpty());
            request.dispose();

            assertThat(access.events).containsExactly("call " + stuck.address(), "abandoned");
            assertThat(chain.forwarded).isEmpty();
        }
    }

    private PdPrefillFilter filter(List<Endpoint> engines) {
        EndpointSnapshot snapshot = new EndpointSnapshot(Map.of("m", engines));
        EndpointRegistry registry = new EndpointRegistry(new EndpointSource() {

            @Override
            public String name() {
                return "test";
            }

            @Override
            public Flux<EndpointSnapshot> snapshots() {
                return Flux.just(snapshot).concatWith(Flux.never());
            }
        });
        registry.start();
        PdPlanner planner = new PdPlanner(new PrefillSelector(10, 1, 16), PrefixAffinity.NONE,
                new SplittableRandom(1));
        return new PdPrefillFilter(access, registry, endpoint -> EngineMetrics.unknown(), planner,
                new PrefillClient(HttpClient.create(), Duration.ofSeconds(5)), PrefixAffinity.NONE,
                new PdMeters(meters));
    }

    private static MockServerWebExchange exchange() {
        return MockServerWebExchange.from(MockServerHttpRequest.post("/v1/chat/completions").body(BODY));
    }

    private static Endpoint endpoint(URI uri, @Nullable String role) {
        return new Endpoint(uri.getAuthority(), uri.getHost(), uri.getPort(), uri.getPort(), role, true);
    }

    /** The proxy's side: the request as accepted, breakers that admit everything, and a log of engine calls. */
    private final class RecordingAccess implements PdExchangeAccess {

        private final List<String> events = new CopyOnWriteArrayList<>();

        private String strategy = "pd";

        private boolean refuseCalls;

        private volatile @Nullable String forwardedBody;

        @Override
        public AcceptedRequest accepted(ServerWebExchange exchange) {
            byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
            return new AcceptedRequest("req-1", strategy,
                    new InferenceRequestParser().parse(InferenceApi.CHAT_COMPLETIONS, body), body);
        }

        @Override
        public ServerWebExchange withBody(ServerWebExchange exchange, byte[] body) {
            forwardedBody = new String(body, StandardCharsets.UTF_8);
            return exchange;
        }

        @Override
        public Endpoint target(ServerWebExchange exchange) {
            return decode;
        }

        @Override
        public int inFlight(Endpoint endpoint) {
            return 0;
        }

        @Override
        public boolean admits(Endpoint endpoint) {
            return true;
        }

        @Override
        public @Nullable EngineCall call(Endpoint endpoint, String model) {
            if (refuseCalls) {
                return null;
            }
            events.add("call " + endpoint.address());
            List<String> ended = new ArrayList<>(1);
            return new EngineCall() {

                @Override
                public void succeeded() {
                    end("succeeded");
                }

                @Override
                public void failed(Throwable cause) {
                    end("failed");
                }

                @Override
                public void abandoned() {
                    end("abandoned");
                }

                private synchronized void end(String event) {
                    if (ended.isEmpty()) {
                        ended.add(event);
                        events.add(event);
                    }
                }
            };
        }

        @Override
        public RuntimeException unavailable(String message) {
            return new IllegalStateException(message);
        }
    }

    /** The rest of the chain: records what it was asked to forward. */
    private static final class RecordingChain implements GatewayFilterChain {

        private final List<ServerWebExchange> forwarded = new CopyOnWriteArrayList<>();

        @Override
        public Mono<Void> filter(ServerWebExchange exchange) {
            forwarded.add(exchange);
            return Mono.empty();
        }
    }
}

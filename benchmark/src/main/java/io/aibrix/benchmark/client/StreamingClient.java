package io.aibrix.benchmark.client;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.aibrix.benchmark.run.Dispatch;
import io.aibrix.benchmark.run.NanoClock;
import io.aibrix.benchmark.run.RequestExecutor;
import io.aibrix.benchmark.run.RequestOutcome;
import io.aibrix.benchmark.run.RequestResult;

/**
 * Sends one streaming completion per call and measures it token by token. Every outcome, including HTTP errors,
 * broken streams, refused connections and timeouts, becomes a result row; nothing is thrown.
 */
public final class StreamingClient implements RequestExecutor {

    private static final String TARGET_POD_HEADER = "target-pod";
    /** Who the request is for, until the gateway derives users from API keys. */
    private static final String USER_HEADER = "user";

    private final HttpClient http;
    private final EndpointSettings settings;
    private final TargetSelector targets;
    private final NanoClock clock;
    private final ObjectMapper json;
    private final StreamEventParser parser;

    public StreamingClient(HttpClient http, EndpointSettings settings, TargetSelector targets, NanoClock clock,
            ObjectMapper json) {
        this.http = http;
        this.settings = settings;
        this.targets = targets;
        this.clock = clock;
        this.json = json;
        this.parser = new StreamEventParser(settings.api(), json);
    }

    @Override
    public RequestOutcome execute(Dispatch dispatch) {
        Target target = targets.select(dispatch.id());
        HttpRequest request = request(target, dispatch);
        long sendNanos = clock.nanoTime();
        StreamAccumulator stream = new StreamAccumulator(sendNanos);
        Exchange exchange = new Exchange(stream);
        CompletableFuture<HttpResponse<Reply>> future = http.sendAsync(request, exchange);
        String error;
        try {
            HttpResponse<Reply> response = future.get(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
            error = switch (response.body()) {
                case Reply.Streamed ignored -> stream.snapshot().problem();
                case Reply.Rejected(String body) -> "HTTP " + response.statusCode() + ": " + ErrorBodies.message(body);
            };
        }
        catch (TimeoutException ex) {
            exchange.cancel();
            future.cancel(true);
            error = "timed out after " + settings.timeout().toMillis() / 1000.0 + " s";
        }
        catch (ExecutionException ex) {
            error = describe(ex.getCause());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            exchange.cancel();
            future.cancel(true);
            error = "interrupted";
        }
        return outcome(dispatch, target, exchange, stream.snapshot(), error, clock.nanoTime());
    }

    private HttpRequest request(Target target, Dispatch dispatch) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target.endpoint(settings.api().path()))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        RequestBodies.streaming(json, settings.api(), settings.model(), dispatch.spec())));
        if (settings.apiKey() != null) {
            builder.header("Authorization", "Bearer " + settings.apiKey());
        }
        if (settings.routingStrategy() != null) {
            builder.header("routing-strategy", settings.routingStrategy());
        }
        if (dispatch.spec().user() != null) {
            builder.header(USER_HEADER, dispatch.spec().user());
        }
        return builder.build();
    }

    private RequestOutcome outcome(Dispatch dispatch, Target target, Exchange exchange,
            StreamAccumulator.Snapshot stream, String error, long nowNanos) {
        boolean ok = error == null;
        Double ttft = stream.ttftSeconds();
        Double e2e = ok ? stream.e2eSeconds() : null;
        int completionTokens = stream.completionTokens();
        Double tpot = ok && ttft != null && e2e != null && completionTokens > 1
                ? (e2e - ttft) / (completionTokens - 1) : null;
        long endNanos = ok && stream.endNanos() >= 0 ? stream.endNanos() : nowNanos;
        // A gateway names the engine it chose; an engine addressed directly names nothing and is the target itself.
        String pod = exchange.podHeader == null ? target.pod() : exchange.podHeader;
        StreamEvent.Usage usage = stream.usage();
        RequestResult result = new RequestResult(dispatch.id(), dispatch.spec().tags(), pod,
                dispatch.secondsSinceStart(dispatch.intendedNanos()), dispatch.secondsSinceStart(stream.sendNanos()),
                dispatch.secondsSinceStart(endNanos), ttft, tpot, e2e, stream.gapsSeconds(),
                usage == null ? 0 : usage.promptTokens(), completionTokens, usage == null ? 0 : usage.cachedTokens(),
                exchange.status, error);
        return new RequestOutcome(result, stream.text());
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        String type = cause.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }

    /** What the body turned out to be: an event stream, or a non-2xx error body. */
    private sealed interface Reply {

        record Streamed(StreamAccumulator stream) implements Reply {
        }

        record Rejected(String body) implements Reply {
        }
    }

    /** Chooses the body subscriber by status and remembers what the response said about itself. */
    private final class Exchange implements HttpResponse.BodyHandler<Reply> {

        private final StreamAccumulator stream;
        private volatile SseBodySubscriber subscriber;
        private volatile String podHeader;
        private volatile int status;

        Exchange(StreamAccumulator stream) {
            this.stream = stream;
        }

        @Override
        public HttpResponse.BodySubscriber<Reply> apply(HttpResponse.ResponseInfo info) {
            status = info.statusCode();
            podHeader = info.headers().firstValue(TARGET_POD_HEADER).orElse(null);
            if (status / 100 == 2) {
                SseBodySubscriber sse = new SseBodySubscriber(stream, parser, clock);
                subscriber = sse;
                return HttpResponse.BodySubscribers.mapping(sse, Reply.Streamed::new);
            }
            return HttpResponse.BodySubscribers.mapping(
                    HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8), Reply.Rejected::new);
        }

        void cancel() {
            SseBodySubscriber current = subscriber;
            if (current != null) {
                current.cancel();
            }
        }
    }
}

package io.aibrix.gateway.proxy;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.lang.Nullable;

import reactor.core.publisher.Flux;

/**
 * The client's request with its body already read: the exact bytes are forwarded, as often as attempts need them, with
 * {@code x-request-id} set so engine logs carry the gateway's request ID. With authentication on, the client's API key
 * ({@code Authorization}) and any identity it claims ({@code user}) are not forwarded: the key is the gateway's
 * business, and the identity is the one the key resolved to.
 */
final class ReplayableRequest extends ServerHttpRequestDecorator {

    private static final DataBufferFactory BUFFERS = DefaultDataBufferFactory.sharedInstance;

    private final byte[] body;
    private final String requestId;
    private final boolean stripIdentity;
    private final HttpHeaders headers;

    ReplayableRequest(ServerHttpRequest delegate, byte[] body, String requestId, boolean stripIdentity) {
        super(delegate);
        this.body = body;
        this.requestId = requestId;
        this.stripIdentity = stripIdentity;
        HttpHeaders copy = new HttpHeaders();
        copy.putAll(delegate.getHeaders());
        copy.remove(HttpHeaders.TRANSFER_ENCODING);
        if (stripIdentity) {
            copy.remove(HttpHeaders.AUTHORIZATION);
            copy.remove("user");
        }
        copy.setContentLength(body.length);
        copy.set("x-request-id", requestId);
        this.headers = HttpHeaders.readOnlyHttpHeaders(copy);
    }

    /** The replayable request inside {@code request} (itself, or behind decorators), or null when there is none. */
    static @Nullable ReplayableRequest find(ServerHttpRequest request) {
        ServerHttpRequest current = request;
        while (true) {
            if (current instanceof ReplayableRequest replayable) {
                return replayable;
            }
            if (!(current instanceof ServerHttpRequestDecorator decorator)) {
                return null;
            }
            current = decorator.getDelegate();
        }
    }

    /** The bytes forwarded; shared, not to be modified. */
    byte[] body() {
        return body;
    }

    /** The same request forwarding {@code replacement} instead (a rewritten body, e.g. for disaggregated serving). */
    ReplayableRequest withBody(byte[] replacement) {
        return new ReplayableRequest(getDelegate(), replacement, requestId, stripIdentity);
    }

    @Override
    public HttpHeaders getHeaders() {
        return headers;
    }

    @Override
    public Flux<DataBuffer> getBody() {
        return Flux.defer(() -> Flux.just(BUFFERS.wrap(body)));
    }
}

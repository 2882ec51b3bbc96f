package io.aibrix.gateway.proxy;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;

import reactor.core.publisher.Flux;

/**
 * The client's request with its body already read: the exact bytes are forwarded, as often as attempts need them, with
 * {@code x-request-id} set so engine logs carry the gateway's request ID.
 */
final class ReplayableRequest extends ServerHttpRequestDecorator {

    private static final DataBufferFactory BUFFERS = DefaultDataBufferFactory.sharedInstance;

    private final byte[] body;
    private final HttpHeaders headers;

    ReplayableRequest(ServerHttpRequest delegate, byte[] body, String requestId) {
        super(delegate);
        this.body = body;
        HttpHeaders copy = new HttpHeaders();
        copy.putAll(delegate.getHeaders());
        copy.remove(HttpHeaders.TRANSFER_ENCODING);
        copy.setContentLength(body.length);
        copy.set("x-request-id", requestId);
        this.headers = HttpHeaders.readOnlyHttpHeaders(copy);
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

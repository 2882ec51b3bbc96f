package io.aibrix.gateway.proxy;

import java.time.Duration;

import org.springframework.beans.factory.DisposableBean;

import reactor.netty.resources.LoopResources;

/**
 * The Netty event loops shared by the gateway's HTTP server and its engine client. Disposed after the server has
 * stopped (bean destruction follows the lifecycle stop phase), without a quiet period: nothing runs on them by then.
 */
final class GatewayEventLoops implements DisposableBean {

    private static final Duration DISPOSE_TIMEOUT = Duration.ofSeconds(5);

    private final LoopResources resources = LoopResources.create("gateway-http");

    LoopResources resources() {
        return resources;
    }

    @Override
    public void destroy() {
        resources.disposeLater(Duration.ZERO, DISPOSE_TIMEOUT).block(DISPOSE_TIMEOUT);
    }
}

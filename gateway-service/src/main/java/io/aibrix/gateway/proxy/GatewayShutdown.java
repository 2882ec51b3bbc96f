package io.aibrix.gateway.proxy;

import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;

/**
 * Knows when the gateway has begun shutting down, so requests cut off by the end of the graceful drain are counted as
 * {@code shutdown} rather than as client disconnects. Stops before the web server's graceful shutdown starts.
 */
final class GatewayShutdown implements SmartLifecycle {

    private volatile boolean running;
    private volatile boolean shuttingDown;

    boolean isShuttingDown() {
        return shuttingDown;
    }

    @Override
    public void start() {
        running = true;
        shuttingDown = false;
    }

    @Override
    public void stop() {
        shuttingDown = true;
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 1;
    }
}

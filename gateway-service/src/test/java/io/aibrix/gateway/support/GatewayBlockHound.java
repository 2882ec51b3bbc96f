package io.aibrix.gateway.support;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * BlockHound for the gateway's BlockHound tests, each in its own JVM (BlockHound instruments the JDK for the rest of
 * the JVM's life, and only the first installation takes effect).
 *
 * <p>Blocking calls are recorded rather than thrown, so one violation does not hide the next; simulated engines and
 * other services may share the JVM, so only stacks that pass through gateway code (ours or Spring Cloud Gateway's)
 * count. {@code install(...)} also loads Reactor's and Netty's integrations, which mark their event-loop threads as
 * non-blocking; a bare {@code builder()} would mark no thread at all and detect nothing.
 */
public final class GatewayBlockHound {

    private static final List<String> violations = new CopyOnWriteArrayList<>();
    private static boolean installed;

    private GatewayBlockHound() {
    }

    /** Installs BlockHound once per JVM; call from the test class's static initializer. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        BlockHound.install(new BlockHoundIntegration() {
            @Override
            public void applyTo(BlockHound.Builder builder) {
                // Logback's console appender writes synchronously; logging is not on the hot path.
                builder.allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "writeBytes")
                        .blockingMethodCallback(method -> {
                            StackTraceElement[] frames = new Throwable().getStackTrace();
                            if (Arrays.stream(frames).anyMatch(GatewayBlockHound::isGatewayFrame)) {
                                String stack = Arrays.stream(frames).map(String::valueOf)
                                        .reduce("", (a, b) -> a + "\n\tat " + b);
                                violations.add(method + " on " + Thread.currentThread().getName() + stack);
                            }
                        });
            }

            @Override
            public int getPriority() {
                return Integer.MAX_VALUE;
            }
        });
    }

    /** The blocking calls recorded so far, with their stacks; live and mutable, so a test can clear it. */
    public static List<String> violations() {
        return violations;
    }

    /** Gateway code (not this recorder itself) or Spring Cloud Gateway's. */
    private static boolean isGatewayFrame(StackTraceElement frame) {
        String type = frame.getClassName();
        return type.startsWith("io.aibrix.gateway.") && !type.startsWith(GatewayBlockHound.class.getName())
                || type.startsWith("org.springframework.cloud.gateway.");
    }
}

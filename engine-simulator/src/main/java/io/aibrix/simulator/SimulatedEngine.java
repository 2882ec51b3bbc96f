package io.aibrix.simulator;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One simulated engine started inside the current JVM, so tests, the benchmark and the local suite can run several
 * on free ports. Each instance is an independent Spring context with its own engine loop, KV cache and metrics.
 */
public final class SimulatedEngine implements AutoCloseable {

    /**
     * Spring Boot's logging set-up is JVM-global: contexts that start or close concurrently in one JVM can find it
     * half-initialised ("Unable to find Spring Environment in logger context"), so lifecycles take turns.
     */
    private static final Object LIFECYCLE = new Object();

    private final ConfigurableApplicationContext context;
    private final int port;

    private SimulatedEngine(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /**
     * Starts an engine. Keys are Spring property names, e.g. {@code simulator.profile}; {@code server.port}
     * defaults to 0 (a free port).
     */
    public static SimulatedEngine start(Map<String, ?> properties) {
        return new SimulatedEngine(startContext(EngineSimulatorApplication.class, properties));
    }

    /** Starts a reactive application context from {@code source} the same way (also the cache-node mode). */
    public static ConfigurableApplicationContext startContext(Class<?> source, Map<String, ?> properties) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("server.port", 0);
        props.put("spring.main.banner-mode", "off");
        props.put("spring.jmx.enabled", false);
        props.putAll(properties);
        // As command-line arguments they outrank application.yml (builder properties would only be defaults).
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        synchronized (LIFECYCLE) {
            return new SpringApplicationBuilder(source)
                    .web(WebApplicationType.REACTIVE)
                    .registerShutdownHook(false)
                    .run(args);
        }
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>} */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The served base model name. */
    public String model() {
        return context.getEnvironment().getProperty("simulator.model", SimulatorProperties.DEFAULT_MODEL);
    }

    public boolean isRunning() {
        return context.isActive();
    }

    /** Stops the HTTP server and the engine loop; idempotent. */
    @Override
    public void close() {
        closeContext(context);
    }

    /** Closes an engine's context, taking turns with other engines starting or closing in this JVM. */
    public static void closeContext(ConfigurableApplicationContext context) {
        synchronized (LIFECYCLE) {
            if (context.isActive()) {
                context.close();
            }
        }
    }
}

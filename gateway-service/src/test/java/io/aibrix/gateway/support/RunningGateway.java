package io.aibrix.gateway.support;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.aibrix.gateway.GatewayApplication;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A gateway application started on a free port inside the test JVM, with the given properties. Closing it runs the
 * real graceful shutdown.
 */
public final class RunningGateway implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final int port;

    private RunningGateway(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    public static RunningGateway start(Map<String, String> properties) {
        return start(properties, context -> { });
    }

    /** Starts with an initializer, e.g. to register a Kubernetes client bean pointing at a mock server. */
    public static RunningGateway start(Map<String, String> properties,
            ApplicationContextInitializer<ConfigurableApplicationContext> initializer) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("server.port", "0");
        all.put("spring.lifecycle.timeout-per-shutdown-phase", "5s");
        all.putAll(properties);
        List<String> args = new ArrayList<>();
        all.forEach((key, value) -> args.add("--" + key + "=" + value));
        SpringApplication application = GatewayApplication.application();
        application.addInitializers(initializer);
        ConfigurableApplicationContext context = application.run(args.toArray(String[]::new));
        return new RunningGateway(context);
    }

    /**
     * Static discovery properties for one model served by the given engines.
     */
    public static Map<String, String> staticModel(int index, String model, List<URI> engines) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("gateway.discovery.source", "static");
        properties.put("gateway.discovery.static.models[" + index + "].name", model);
        properties.put("gateway.discovery.static.models[" + index + "].endpoints",
                String.join(",", engines.stream().map(URI::toString).toList()));
        return properties;
    }

    public int port() {
        return port;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}

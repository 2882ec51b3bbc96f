package io.aibrix.testsupport;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.aibrix.simulator.SimulatedEngine;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fleet of {@link SimulatedEngine}s on free ports inside the test JVM, standing in for a pool of vLLM pods so
 * gateway, routing and autoscaling tests can run against real HTTP engines.
 *
 * <p>Register it on a static field so it spans the test class:
 * <pre>{@code
 * @RegisterExtension
 * static EngineFleetExtension fleet = EngineFleetExtension.builder()
 *         .engines(4)
 *         .property("simulator.profile", "zero")
 *         .build();
 * }</pre>
 * All engines start in parallel before the first test and are closed after the last one. Engine {@code i} gets
 * {@code simulator.engine-index=i}, which the engine reports as its {@code engine} metric label. Properties for one
 * engine only, e.g. a prefill/decode role, are set with {@code .engineProperty(i, "simulator.role", "decode")}.
 */
public final class EngineFleetExtension implements BeforeAllCallback, AfterAllCallback {

    private static final String ENGINE_INDEX = "simulator.engine-index";

    private final int size;
    private final Map<String, Object> properties;
    private final Map<Integer, Map<String, Object>> engineProperties;
    private volatile List<SimulatedEngine> engines = List.of();
    private String ownerId;

    private EngineFleetExtension(Builder builder) {
        this.size = builder.size;
        this.properties = Map.copyOf(builder.properties);
        Map<Integer, Map<String, Object>> perEngine = new LinkedHashMap<>();
        builder.engineProperties.forEach((index, props) -> perEngine.put(index, Map.copyOf(props)));
        this.engineProperties = Map.copyOf(perEngine);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the fleet, unless an enclosing class (for {@code @Nested} tests) already did. */
    @Override
    public synchronized void beforeAll(ExtensionContext context) throws Exception {
        if (ownerId != null) {
            return;
        }
        engines = startAll();
        ownerId = context.getUniqueId();
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) throws Exception {
        if (!context.getUniqueId().equals(ownerId)) {
            return;
        }
        List<SimulatedEngine> started = engines;
        engines = List.of();
        ownerId = null;
        Throwable failure = closeAll(started);
        if (failure != null) {
            throw asException(failure);
        }
    }

    /** The running engines, in index order. */
    public List<SimulatedEngine> engines() {
        List<SimulatedEngine> current = engines;
        if (current.isEmpty()) {
            throw new IllegalStateException("The engine fleet is not running; register it on a static"
                    + " @RegisterExtension field and use it from tests or @BeforeAll/@AfterAll methods");
        }
        return current;
    }

    public SimulatedEngine engine(int index) {
        return engines().get(index);
    }

    /** The engines' {@code http://127.0.0.1:<port>} base URIs, in index order. */
    public List<URI> baseUris() {
        return engines().stream().map(SimulatedEngine::baseUri).toList();
    }

    private List<SimulatedEngine> startAll() throws Exception {
        List<Future<SimulatedEngine>> futures = new ArrayList<>(size);
        try (ExecutorService executor = Executors.newFixedThreadPool(size)) {
            for (int i = 0; i < size; i++) {
                Map<String, Object> engine = new LinkedHashMap<>(properties);
                engine.putAll(engineProperties.getOrDefault(i, Map.of()));
                engine.put(ENGINE_INDEX, i);
                futures.add(executor.submit(() -> SimulatedEngine.start(engine)));
            }
        }
        List<SimulatedEngine> started = futures.stream()
                .filter(future -> future.state() == Future.State.SUCCESS)
                .map(Future::resultNow)
                .toList();
        Throwable failure = firstFailure(futures);
        if (failure != null) {
            Throwable closeFailure = closeAll(started);
            if (closeFailure != null) {
                failure.addSuppressed(closeFailure);
            }
            throw asException(failure);
        }
        return started;
    }

    /** Closes every engine and collects the failures; closes take turns inside {@link SimulatedEngine}. */
    private static Throwable closeAll(List<SimulatedEngine> engines) {
        if (engines.isEmpty()) {
            return null;
        }
        List<Future<?>> futures = new ArrayList<>(engines.size());
        try (ExecutorService executor = Executors.newFixedThreadPool(engines.size())) {
            engines.forEach(engine -> futures.add(executor.submit(engine::close)));
        }
        return firstFailure(futures);
    }

    /** The first failure of completed futures, with later ones suppressed in it, or null. */
    private static Throwable firstFailure(List<? extends Future<?>> futures) {
        Throwable first = null;
        for (Future<?> future : futures) {
            if (future.state() != Future.State.FAILED) {
                continue;
            }
            if (first == null) {
                first = future.exceptionNow();
            } else {
                first.addSuppressed(future.exceptionNow());
            }
        }
        return first;
    }

    private static Exception asException(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        return (Exception) failure;
    }

    /** Configures an {@link EngineFleetExtension}. */
    public static final class Builder {

        private int size = 1;
        private final Map<String, Object> properties = new LinkedHashMap<>();
        private final Map<Integer, Map<String, Object>> engineProperties = new LinkedHashMap<>();

        private Builder() {
        }

        /** Number of engines; default 1. */
        public Builder engines(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("A fleet needs at least one engine: " + count);
            }
            this.size = count;
            return this;
        }

        /** A Spring property applied to every engine, e.g. {@code simulator.profile}. */
        public Builder property(String key, Object value) {
            if (ENGINE_INDEX.equals(key)) {
                throw new IllegalArgumentException(ENGINE_INDEX + " is assigned per engine by the fleet");
            }
            properties.put(key, value);
            return this;
        }

        /** A Spring property for engine {@code index} only; it overrides a fleet-wide {@link #property}. */
        public Builder engineProperty(int index, String key, Object value) {
            if (index < 0) {
                throw new IllegalArgumentException("Engine indexes start at 0: " + index);
            }
            if (ENGINE_INDEX.equals(key)) {
                throw new IllegalArgumentException(ENGINE_INDEX + " is assigned per engine by the fleet");
            }
            engineProperties.computeIfAbsent(index, i -> new LinkedHashMap<>()).put(key, value);
            return this;
        }

        public EngineFleetExtension build() {
            engineProperties.keySet().stream().filter(index -> index >= size).findFirst().ifPresent(index -> {
                throw new IllegalArgumentException("Properties for engine " + index + " but the fleet has only "
                        + size + " engines");
            });
            return new EngineFleetExtension(this);
        }
    }
}

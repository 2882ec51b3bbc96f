package io.aibrix.autoscaler.fleet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.aibrix.autoscaler.actuator.ActuatorException;
import io.aibrix.autoscaler.actuator.ScaleActuator;
import io.aibrix.autoscaler.actuator.TargetObservation;
import io.aibrix.autoscaler.metrics.MetricQuery;
import io.aibrix.autoscaler.metrics.PodEndpoint;
import io.aibrix.autoscaler.metrics.PrometheusText;
import io.aibrix.autoscaler.spec.ScaleTargetRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scales local engine fleets: engines are child JVMs of the engine-simulator jar. A new engine is registered in the
 * engine registry only once its {@code /health} answers 200 (it answers 503 while cold). Scaling down takes the
 * engines that are still starting first, then the newest serving ones: each is deregistered at once (it no longer
 * counts as a replica), keeps serving for {@code drain-grace} so the gateway stops routing to it, and is stopped
 * once it has no request running or waiting (or after {@code drain-timeout}). An engine that exits by itself is
 * deregistered and replaced at the next decision.
 */
public final class LocalFleet implements ScaleActuator, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalFleet.class);
    private static final MetricQuery RUNNING = MetricQuery.parse("vllm:num_requests_running");
    private static final MetricQuery WAITING = MetricQuery.parse("vllm:num_requests_waiting");

    private final FleetProperties properties;
    private final EngineRegistry registry;
    private final EngineLauncher launcher;
    private final HttpClient http;
    private final Clock clock;
    private final Map<String, List<EngineProcess>> fleets = new HashMap<>(); // guarded by this
    private final Map<String, Integer> nextIndex = new HashMap<>(); // guarded by this
    private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("fleet-supervisor").factory());

    public LocalFleet(FleetProperties properties, HttpClient http, Clock clock) {
        this.properties = properties;
        this.http = http;
        this.clock = clock;
        this.registry = new EngineRegistry(http, properties.metadataUrl(), properties.metadataToken());
        this.launcher = new EngineLauncher(properties, clock);
        long period = properties.pollInterval().toMillis();
        supervisor.scheduleWithFixedDelay(this::supervise, period, period, TimeUnit.MILLISECONDS);
    }

    static String fleetName(ScaleTargetRef target, String role) {
        return role == null ? target.name() : target.name() + "-" + role;
    }

    @Override
    public synchronized TargetObservation observe(String namespace, ScaleTargetRef target, String role)
            throws ActuatorException {
        String fleet = fleetName(target, role);
        if (!fleets.containsKey(fleet)) {
            fleets.put(fleet, new ArrayList<>());
            try {
                resize(fleet, Math.min(properties.initialEngines(), properties.maxEngines()),
                        ActuatorException.FAILED_GET_SCALE);
            }
            catch (ActuatorException ex) {
                if (fleets.get(fleet).isEmpty()) {
                    // Not created: the next round tries again and reports the same reason.
                    fleets.remove(fleet);
                }
                throw ex;
            }
        }
        List<EngineProcess> engines = fleets.get(fleet);
        int replicas = (int) engines.stream().filter(e -> e.state != EngineProcess.State.DRAINING).count();
        List<PodEndpoint> ready = engines.stream().filter(e -> e.state == EngineProcess.State.READY)
                .map(e -> new PodEndpoint(e.name, properties.host(), e.port)).toList();
        return new TargetObservation(replicas, ready);
    }

    @Override
    public synchronized void scale(String namespace, ScaleTargetRef target, String role, int replicas)
            throws ActuatorException {
        String fleet = fleetName(target, role);
        fleets.computeIfAbsent(fleet, name -> new ArrayList<>());
        if (replicas > properties.maxEngines()) {
            throw new ActuatorException(ActuatorException.FAILED_UPDATE_SCALE, "fleet " + fleet + " may have at most "
                    + properties.maxEngines() + " engines (autoscaler.fleet.max-engines) but " + replicas
                    + " were asked for");
        }
        resize(fleet, replicas, ActuatorException.FAILED_UPDATE_SCALE);
    }

    /** Every engine of every fleet, for tests and the benchmark: name, port, state. */
    public synchronized Map<String, List<String>> describe() {
        Map<String, List<String>> view = new HashMap<>();
        fleets.forEach((fleet, engines) -> view.put(fleet, engines.stream()
                .map(e -> e.name + "@" + e.port + ":" + e.state).toList()));
        return view;
    }

    private void resize(String fleet, int replicas, String reason) throws ActuatorException {
        List<EngineProcess> engines = fleets.get(fleet);
        List<EngineProcess> active = new ArrayList<>(engines.stream()
                .filter(e -> e.state != EngineProcess.State.DRAINING).toList());
        for (int i = active.size(); i < replicas; i++) {
            engines.add(launch(fleet, reason));
        }
        if (active.size() > replicas) {
            // Cold engines first (they serve nothing yet), then the newest serving ones.
            active.sort(Comparator.comparing((EngineProcess e) -> e.state == EngineProcess.State.STARTING ? 0 : 1)
                    .thenComparing(e -> e.launched, Comparator.reverseOrder()));
            for (EngineProcess engine : active.subList(0, active.size() - replicas)) {
                drain(engine);
            }
        }
    }

    private EngineProcess launch(String fleet, String reason) throws ActuatorException {
        int index = nextIndex.merge(fleet, 1, Integer::sum) - 1;
        Set<Integer> taken = new HashSet<>();
        fleets.values().forEach(engines -> engines.forEach(e -> taken.add(e.port)));
        return launcher.launch(fleet + "-" + index, index, taken, reason);
    }

    private void drain(EngineProcess engine) {
        boolean wasReady = engine.state == EngineProcess.State.READY;
        engine.state = EngineProcess.State.DRAINING;
        engine.drainingSince = clock.instant();
        if (wasReady) {
            try {
                registry.deregister(engine.name);
            }
            catch (IOException ex) {
                log.warn("engine {}: deregistering failed ({}); it expires from the registry", engine.name,
                        ex.getMessage());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        log.info("fleet: draining engine {}", engine.name);
    }

    /** One supervision pass: readiness of cold engines, heartbeats, drains, engines that died. */
    private void supervise() {
        List<EngineProcess> engines;
        synchronized (this) {
            engines = fleets.values().stream().flatMap(List::stream).toList();
        }
        Instant now = clock.instant();
        for (EngineProcess engine : engines) {
            try {
                step(engine, now);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            catch (IOException | RuntimeException ex) {
                log.debug("engine {}: {}", engine.name, ex.toString());
            }
        }
    }

    private void step(EngineProcess engine, Instant now) throws IOException, InterruptedException {
        EngineProcess.State state;
        synchronized (this) {
            state = engine.state;
        }
        if (!engine.process.isAlive()) {
            remove(engine);
            if (state == EngineProcess.State.READY) {
                registry.deregister(engine.name);
            }
            if (state != EngineProcess.State.DRAINING) {
                log.warn("engine {} exited with status {}", engine.name, engine.process.exitValue());
            }
            return;
        }
        switch (state) {
            case STARTING -> {
                if (get(engine, "/health").statusCode() == 200) {
                    registry.register(engine.name, properties.host(), engine.port, properties.model(),
                            properties.labels());
                    synchronized (this) {
                        if (engine.state != EngineProcess.State.STARTING) {
                            return;
                        }
                        engine.state = EngineProcess.State.READY;
                        engine.lastHeartbeat = now;
                    }
                    log.info("engine {} is ready and registered", engine.name);
                }
            }
            case READY -> {
                if (engine.lastHeartbeat.plus(properties.heartbeatInterval()).isBefore(now)) {
                    if (!registry.heartbeat(engine.name)) {
                        registry.register(engine.name, properties.host(), engine.port, properties.model(),
                                properties.labels());
                    }
                    engine.lastHeartbeat = now;
                }
            }
            case DRAINING -> {
                Duration draining = Duration.between(engine.drainingSince, now);
                if (draining.compareTo(properties.drainGrace()) >= 0
                        && (idle(engine) || draining.compareTo(properties.drainTimeout()) >= 0)) {
                    stop(engine);
                    remove(engine);
                }
            }
        }
    }

    private boolean idle(EngineProcess engine) throws IOException, InterruptedException {
        HttpResponse<String> metrics = get(engine, "/metrics");
        if (metrics.statusCode() != 200) {
            return true;
        }
        return PrometheusText.sum(metrics.body(), RUNNING).orElse(0) + PrometheusText.sum(metrics.body(), WAITING)
                .orElse(0) == 0;
    }

    private HttpResponse<String> get(EngineProcess engine, String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://" + properties.host() + ":" + engine.port + path);
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private synchronized void remove(EngineProcess engine) {
        fleets.values().forEach(engines -> engines.remove(engine));
    }

    private static void stop(EngineProcess engine) throws InterruptedException {
        engine.process.destroy();
        if (!engine.process.waitFor(10, TimeUnit.SECONDS)) {
            engine.process.destroyForcibly();
            engine.process.waitFor(5, TimeUnit.SECONDS);
        }
        log.info("engine {} stopped", engine.name);
    }

    /** Deregisters and stops every engine. */
    @Override
    public void close() {
        supervisor.shutdownNow();
        List<EngineProcess> engines;
        synchronized (this) {
            engines = fleets.values().stream().flatMap(List::stream).toList();
            fleets.clear();
        }
        for (EngineProcess engine : engines) {
            try {
                if (engine.state == EngineProcess.State.READY) {
                    registry.deregister(engine.name);
                }
            }
            catch (IOException ex) {
                log.debug("engine {}: deregistering at shutdown failed: {}", engine.name, ex.getMessage());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            engine.process.destroy();
        }
        for (EngineProcess engine : engines) {
            try {
                if (!engine.process.waitFor(10, TimeUnit.SECONDS)) {
                    engine.process.destroyForcibly();
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                engine.process.destroyForcibly();
            }
        }
    }

}

package io.aibrix.localsuite;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Registers the suite's engines in metadata-service's engine registry, which the simulated engines do not do
 * themselves, and keeps them alive with heartbeats. An entry that expired anyway (the launcher was suspended, say) is
 * registered again.
 */
final class EngineRegistrations implements AutoCloseable {

    /** Well inside metadata-service's default TTL of 30 s. */
    static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(10);

    private static final String HOST = "127.0.0.1";

    /**
     * One engine as registered.
     *
     * @param name   its registry name, which the gateway reports in {@code target-pod}
     * @param port   its serving port on the loopback address
     * @param labels labels adapters' pod selectors match
     */
    record Engine(String name, int port, Map<String, String> labels) {

        Engine {
            labels = Map.copyOf(labels);
        }
    }

    private final MetadataAdmin admin;
    private final String model;
    private final List<Engine> engines;
    private final Duration interval;
    private final PrintStream out;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("engine-heartbeats").factory());
    private boolean failing; // only touched by the heartbeat thread

    /** @param interval time between two rounds of heartbeats */
    EngineRegistrations(MetadataAdmin admin, String model, List<Engine> engines, Duration interval, PrintStream out) {
        this.admin = admin;
        this.model = model;
        this.engines = List.copyOf(engines);
        this.interval = interval;
        this.out = out;
    }

    /** The suite's fleet: engine i named {@code engine-i}, each with the label that marks it adapter-enabled. */
    static List<Engine> fleet(SuiteSettings settings) {
        return settings.enginePorts().stream()
                .map(port -> new Engine("engine-" + (port - settings.engineBasePort()), port,
                        Map.of("adapter.model.aibrix.ai/enabled", "true")))
                .toList();
    }

    /** Registers every engine, then sends heartbeats until closed. */
    void start() throws IOException, InterruptedException {
        for (Engine engine : engines) {
            MetadataAdmin.Response response = register(engine);
            if (response.status() != 200 && response.status() != 201) {
                throw new IOException("registering " + engine.name() + " answered HTTP " + response.status() + ": "
                        + response.body());
            }
        }
        long period = interval.toMillis();
        heartbeats.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
    }

    private MetadataAdmin.Response register(Engine engine) throws IOException, InterruptedException {
        String labels = engine.labels().entrySet().stream()
                .map(label -> MetadataAdmin.quote(label.getKey()) + ":" + MetadataAdmin.quote(label.getValue()))
                .sorted().collect(Collectors.joining(",", "{", "}"));
        return admin.send("PUT", "/internal/v1/engines/" + engine.name(), "{\"host\":\"" + HOST + "\",\"port\":"
                + engine.port() + ",\"models\":[" + MetadataAdmin.quote(model) + "],\"labels\":" + labels + "}");
    }

    private void beat() {
        try {
            for (Engine engine : engines) {
                MetadataAdmin.Response response = admin.send("POST",
                        "/internal/v1/engines/" + engine.name() + "/heartbeat", null);
                if (response.status() == 404) {
                    response = register(engine);
                }
                if (response.status() >= 300) {
                    throw new IOException(engine.name() + ": HTTP " + response.status());
                }
            }
            if (failing) {
                out.println(Suite.LAUNCHER_PREFIX + "engine heartbeats reach metadata-service again");
                failing = false;
            }
        }
        catch (IOException ex) {
            if (!failing) {
                out.println(Suite.LAUNCHER_PREFIX + "engine heartbeats to metadata-service fail (" + ex.getMessage()
                        + "); retrying every " + interval.toSeconds() + " s");
                failing = true;
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        heartbeats.shutdownNow();
    }
}

package io.aibrix.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** Starts N engines in one JVM: ports base..base+N-1, engine index = position; other arguments apply to all. */
final class FleetLauncher {

    private static final String ENGINES = "fleet.engines";
    private static final String BASE_PORT = "fleet.base-port";

    private FleetLauncher() {
    }

    static boolean isFleet(String[] args) {
        for (String arg : args) {
            if (arg.startsWith("--" + ENGINES + "=")) {
                return true;
            }
        }
        return false;
    }

    static void run(String[] args) throws InterruptedException {
        Map<String, String> properties = parse(args);
        int engines = positive(properties.remove(ENGINES), ENGINES);
        int basePort = positive(properties.getOrDefault(BASE_PORT, "8000"), BASE_PORT);
        properties.remove(BASE_PORT);
        List<SimulatedEngine> fleet = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> fleet.forEach(SimulatedEngine::close)));
        for (int i = 0; i < engines; i++) {
            Map<String, Object> engine = new LinkedHashMap<>(properties);
            engine.put("server.port", basePort + i);
            engine.put("simulator.engine-index", i);
            fleet.add(SimulatedEngine.start(engine));
        }
        fleet.forEach(e -> System.out.printf("engine %s serving '%s' at %s%n", e.port() - basePort, e.model(),
                e.baseUri()));
        new CountDownLatch(1).await();
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Expected --name=value but got '" + arg + "'");
            }
            int eq = arg.indexOf('=');
            properties.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        return properties;
    }

    private static int positive(String value, String name) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " must be a positive integer but was '" + value + "'");
    }
}

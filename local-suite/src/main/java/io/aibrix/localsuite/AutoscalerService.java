package io.aibrix.localsuite;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The optional autoscaler-service ({@code --autoscaler}): started after the engines and before the gateway, on its
 * embedded PostgreSQL under the data directory. Its local fleet launches further simulated engines from the suite's
 * engine-simulator jar on {@code engineBasePort} and up, serving the suite's model, and registers them in
 * metadata-service once warm, so the gateway routes to them; a PodAutoscaler created through its API decides how
 * many there are.
 */
final class AutoscalerService {

    static final String JAR = "autoscaler-service.jar";
    static final String NAME = "autoscaler";

    /**
     * @param port               the autoscaler's API port
     * @param engineBasePort     its engines take free ports from here
     * @param maxEngines         engines per fleet at most
     * @param engineStartupDelay a new engine answers 503 this long (a real engine's cold start)
     * @param args               extra autoscaler arguments, appended after the launcher's own
     */
    record Settings(int port, int engineBasePort, int maxEngines, Duration engineStartupDelay, List<String> args) {

        Settings {
            args = List.copyOf(args);
            if (maxEngines < 1) {
                throw new IllegalArgumentException("--autoscaler-max-engines must be at least 1 but was "
                        + maxEngines);
            }
            if (engineStartupDelay.isNegative()) {
                throw new IllegalArgumentException("--autoscaler-engine-startup-delay must not be negative");
            }
        }

        /** @throws IllegalArgumentException naming the option when a port collides with the suite's */
        void checkAgainst(SuiteSettings suite) {
            List<Integer> others = List.of(suite.port(), suite.metadataPort(), suite.loraManagerPort());
            if (port < 1 || port > 65535 || others.contains(port) || suite.enginePorts().contains(port)) {
                throw new IllegalArgumentException("--autoscaler-port " + port + " must be a free port of its own,"
                        + " not one of the suite's " + others + " or its engines'");
            }
            int last = engineBasePort + maxEngines - 1;
            if (engineBasePort < 1 || last > 65535) {
                throw new IllegalArgumentException("--autoscaler-engine-base-port " + engineBasePort
                        + " leaves no room for " + maxEngines + " engines below port 65536");
            }
            for (int taken : suite.enginePorts()) {
                if (taken >= engineBasePort && taken <= last) {
                    throw new IllegalArgumentException("--autoscaler-engine-base-port " + engineBasePort
                            + " overlaps the suite's engines on " + suite.enginePorts());
                }
            }
        }
    }

    private AutoscalerService() {
    }

    static Service service(SuiteSettings suite, Settings settings) {
        Path dataDir = Objects.requireNonNull(suite.dataDir(), "the data directory is resolved before start");
        List<String> command = new ArrayList<>(List.of(suite.java(), "-jar",
                suite.servicesDir().resolve(JAR).toString()));
        command.add("--server.port=" + settings.port());
        command.add("--autoscaler.embedded-database.data-directory=" + dataDir.resolve("autoscaler-postgres"));
        command.add("--autoscaler.fleet.engine-jar=" + suite.servicesDir().resolve(Services.ENGINE_JAR));
        command.add("--autoscaler.fleet.java=" + suite.java());
        command.add("--autoscaler.fleet.model=" + suite.model());
        command.add("--autoscaler.fleet.base-port=" + settings.engineBasePort());
        command.add("--autoscaler.fleet.max-engines=" + settings.maxEngines());
        command.add("--autoscaler.fleet.startup-delay=" + settings.engineStartupDelay().toMillis() + "ms");
        command.add("--autoscaler.fleet.metadata-url=" + Services.metadataUrl(suite));
        command.add("--autoscaler.fleet.log-directory=" + dataDir.resolve("autoscaler-engines"));
        if (suite.profile() != null) {
            command.add("--autoscaler.fleet.engine-args[0]=--simulator.profile=" + suite.profile());
        }
        command.addAll(settings.args());
        URI readiness = URI.create("http://127.0.0.1:" + settings.port() + "/actuator/health/readiness");
        return new Service(NAME, command, Map.of("AUTOSCALER_FLEET_METADATATOKEN", suite.adminToken()),
                List.of(settings.port()), "--autoscaler-port", List.of(readiness));
    }

    /** {@code services} with the autoscaler just before the gateway (or last when there is none). */
    static List<Service> beforeGateway(List<Service> services, Service autoscaler) {
        List<Service> ordered = new ArrayList<>(services);
        int gateway = 0;
        while (gateway < ordered.size() && !Services.GATEWAY.equals(ordered.get(gateway).name())) {
            gateway++;
        }
        ordered.add(gateway, autoscaler);
        return List.copyOf(ordered);
    }
}

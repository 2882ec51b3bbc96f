package io.aibrix.localsuite;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The suite's services in start order, each as a {@link Service} built from {@link SuiteSettings}. */
final class Services {

    /** File names under the services directory; the module's pom copies the jars under these names. */
    static final String ENGINE_JAR = "engine-simulator.jar";
    static final String GATEWAY_JAR = "gateway-service.jar";

    static final String ENGINES = "engines";
    static final String GATEWAY = "gateway";

    private static final String LOOPBACK = "127.0.0.1";

    private Services() {
    }

    static List<Service> all(SuiteSettings settings) {
        return List.of(engines(settings), gateway(settings));
    }

    /** Jars that must exist before anything starts. */
    static List<Path> jars(SuiteSettings settings) {
        return List.of(settings.servicesDir().resolve(ENGINE_JAR), settings.servicesDir().resolve(GATEWAY_JAR));
    }

    /** One JVM running the whole fleet (the simulator's fleet mode), ready when every engine's /health is 200. */
    static Service engines(SuiteSettings settings) {
        List<String> command = jvm(settings, ENGINE_JAR);
        command.add("--fleet.engines=" + settings.engines());
        command.add("--fleet.base-port=" + settings.engineBasePort());
        command.add("--simulator.model=" + settings.model());
        if (settings.profile() != null) {
            command.add("--simulator.profile=" + settings.profile());
        }
        command.addAll(settings.engineArgs());
        List<URI> health = engineUrls(settings).stream().map(url -> URI.create(url + "/health")).toList();
        return new Service(ENGINES, command, enginePorts(settings), "--engine-base-port", health);
    }

    /** The gateway with static discovery of the fleet, ready when its readiness probe is 200. */
    static Service gateway(SuiteSettings settings) {
        List<String> command = jvm(settings, GATEWAY_JAR);
        command.add("--server.port=" + settings.port());
        command.add("--gateway.discovery.source=static");
        command.add("--gateway.discovery.static.models[0].name=" + settings.model());
        command.add("--gateway.discovery.static.models[0].endpoints="
                + engineUrls(settings).stream().collect(Collectors.joining(",")));
        command.addAll(settings.gatewayArgs());
        URI readiness = URI.create("http://" + LOOPBACK + ":" + settings.port() + "/actuator/health/readiness");
        return new Service(GATEWAY, command, List.of(settings.port()), "--port", List.of(readiness));
    }

    static List<String> engineUrls(SuiteSettings settings) {
        return enginePorts(settings).stream().map(port -> "http://" + LOOPBACK + ":" + port).toList();
    }

    private static List<Integer> enginePorts(SuiteSettings settings) {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < settings.engines(); i++) {
            ports.add(settings.engineBasePort() + i);
        }
        return ports;
    }

    private static List<String> jvm(SuiteSettings settings, String jar) {
        return new ArrayList<>(List.of(settings.java(), "-jar", settings.servicesDir().resolve(jar).toString()));
    }
}

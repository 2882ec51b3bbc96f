package io.aibrix.localsuite;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The suite's services in start order, each as a {@link Service} built from {@link SuiteSettings}: metadata-service
 * (which the others read), the engine fleet, lora-manager and the gateway.
 */
final class Services {

    /** File names under the services directory; the module's pom copies the jars under these names. */
    static final String METADATA_JAR = "metadata-service.jar";
    static final String ENGINE_JAR = "engine-simulator.jar";
    static final String LORA_MANAGER_JAR = "lora-manager.jar";
    static final String GATEWAY_JAR = "gateway-service.jar";

    static final String METADATA = "metadata";
    static final String ENGINES = "engines";
    static final String LORA_MANAGER = "lora-manager";
    static final String GATEWAY = "gateway";

    /** The suite's lora-manager round interval: a new adapter runs within seconds (the service's default is 10 s). */
    static final String LORA_RECONCILE_INTERVAL = "2s";

    // Settings the launcher chooses but a user may override with --*-arg go in the environment, which command-line
    // arguments override; the same property twice on the command line would be bound as one "a,b" value.

    private static final String LOOPBACK = "127.0.0.1";

    private Services() {
    }

    static List<Service> all(SuiteSettings settings) {
        return List.of(metadata(settings), engines(settings), loraManager(settings), gateway(settings));
    }

    /** Jars that must exist before anything starts. */
    static List<Path> jars(SuiteSettings settings) {
        return List.of(METADATA_JAR, ENGINE_JAR, LORA_MANAGER_JAR, GATEWAY_JAR).stream()
                .map(settings.servicesDir()::resolve).toList();
    }

    /**
     * metadata-service on its embedded PostgreSQL under the data directory, with the admin token (in the
     * environment, off the command line); ready when its readiness probe is 200.
     */
    static Service metadata(SuiteSettings settings) {
        Path dataDir = Objects.requireNonNull(settings.dataDir(), "the data directory is resolved before start");
        List<String> command = jvm(settings, METADATA_JAR);
        command.add("--server.port=" + settings.metadataPort());
        command.add("--metadata.embedded-database.data-directory=" + dataDir.resolve("metadata-postgres"));
        command.addAll(settings.metadataArgs());
        return new Service(METADATA, command, Map.of("METADATA_SECURITY_ADMINTOKEN", settings.adminToken()),
                List.of(settings.metadataPort()), "--metadata-port", List.of(readiness(settings.metadataPort())));
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
        return new Service(ENGINES, command, Map.of(), settings.enginePorts(), "--engine-base-port", health);
    }

    /** lora-manager on the engines of metadata-service's registry; ready when its readiness probe is 200. */
    static Service loraManager(SuiteSettings settings) {
        List<String> command = jvm(settings, LORA_MANAGER_JAR);
        command.add("--server.port=" + settings.loraManagerPort());
        command.add("--lora.discovery.source=registry");
        command.add("--lora.metadata.base-url=" + metadataUrl(settings));
        command.addAll(settings.loraManagerArgs());
        return new Service(LORA_MANAGER, command, Map.of("LORA_METADATA_ADMINTOKEN", settings.adminToken(),
                "LORA_RECONCILE_INTERVAL", LORA_RECONCILE_INTERVAL),
                List.of(settings.loraManagerPort()), "--lora-manager-port",
                List.of(readiness(settings.loraManagerPort())));
    }

    /**
     * The gateway on metadata-service's registry, checking API keys against it only with {@code --api-keys}; ready
     * when its readiness probe is 200.
     */
    static Service gateway(SuiteSettings settings) {
        List<String> command = jvm(settings, GATEWAY_JAR);
        command.add("--server.port=" + settings.port());
        command.add("--gateway.discovery.source=metadata");
        command.add("--gateway.discovery.metadata.base-url=" + metadataUrl(settings));
        Map<String, String> environment = Map.of("GATEWAY_AUTH_ENABLED", "false");
        if (settings.apiKeys()) {
            command.add("--gateway.auth.metadata-url=" + metadataUrl(settings));
            environment = Map.of("GATEWAY_AUTH_METADATATOKEN", settings.adminToken());
        }
        command.addAll(settings.gatewayArgs());
        return new Service(GATEWAY, command, environment, List.of(settings.port()), "--port",
                List.of(readiness(settings.port())));
    }

    static List<String> engineUrls(SuiteSettings settings) {
        return settings.enginePorts().stream().map(port -> "http://" + LOOPBACK + ":" + port).toList();
    }

    static URI metadataUrl(SuiteSettings settings) {
        return URI.create("http://" + LOOPBACK + ":" + settings.metadataPort());
    }

    static URI gatewayUrl(SuiteSettings settings) {
        return URI.create("http://" + LOOPBACK + ":" + settings.port());
    }

    private static URI readiness(int port) {
        return URI.create("http://" + LOOPBACK + ":" + port + "/actuator/health/readiness");
    }

    private static List<String> jvm(SuiteSettings settings, String jar) {
        return new ArrayList<>(List.of(settings.java(), "-jar", settings.servicesDir().resolve(jar).toString()));
    }
}

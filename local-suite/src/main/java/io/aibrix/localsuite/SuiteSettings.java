package io.aibrix.localsuite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the launcher starts, validated. Engines listen on {@code engineBasePort .. engineBasePort + engines - 1}; no
 * two services share a port.
 *
 * @param servicesDir     directory holding the services' executable jars
 * @param java            the java binary every child JVM runs on
 * @param engines         simulated engines in the fleet
 * @param engineBasePort  port of engine 0
 * @param model           the base model every engine serves and the gateway routes
 * @param adapter         the LoRA adapter created on {@code model} at startup, or {@code null} for none
 * @param profile         simulator step-time profile, or {@code null} for the simulator's default
 * @param port            the gateway's port
 * @param metadataPort    metadata-service's port
 * @param loraManagerPort lora-manager's port
 * @param adminToken      metadata-service's admin token, which lora-manager, the gateway and the launcher use too
 * @param apiKeys         whether the gateway requires API keys; otherwise any key (or none) is accepted
 * @param dataDir         where metadata-service keeps its PostgreSQL data, or {@code null} for a temporary directory
 *                        deleted on exit
 * @param startupTimeout  how long each service may take to become ready
 * @param engineArgs      extra arguments for the engine fleet JVM, appended after the launcher's own
 * @param gatewayArgs     extra arguments for the gateway JVM, appended after the launcher's own
 * @param metadataArgs    extra arguments for the metadata-service JVM, appended after the launcher's own
 * @param loraManagerArgs extra arguments for the lora-manager JVM, appended after the launcher's own
 */
record SuiteSettings(
        Path servicesDir,
        String java,
        int engines,
        int engineBasePort,
        String model,
        String adapter,
        String profile,
        int port,
        int metadataPort,
        int loraManagerPort,
        String adminToken,
        boolean apiKeys,
        Path dataDir,
        Duration startupTimeout,
        List<String> engineArgs,
        List<String> gatewayArgs,
        List<String> metadataArgs,
        List<String> loraManagerArgs) {

    static final String DEFAULT_MODEL = "llama3-8b";

    /** metadata-service's minimum token length. */
    static final int MIN_TOKEN_LENGTH = 16;

    /** A metadata-service resource name (a Kubernetes label value). */
    private static final String NAME = "[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?";

    SuiteSettings {
        Objects.requireNonNull(servicesDir, "servicesDir");
        Objects.requireNonNull(java, "java");
        if (engines < 1) {
            throw new IllegalArgumentException("--engines must be at least 1 but was " + engines);
        }
        requirePort(engineBasePort, "--engine-base-port");
        if (engineBasePort + engines - 1 > 65535) {
            throw new IllegalArgumentException("--engine-base-port " + engineBasePort + " leaves no room for "
                    + engines + " engines below port 65536");
        }
        requirePort(port, "--port");
        requirePort(metadataPort, "--metadata-port");
        requirePort(loraManagerPort, "--lora-manager-port");
        requireOutsideEngines(port, "--port", engineBasePort, engines);
        requireOutsideEngines(metadataPort, "--metadata-port", engineBasePort, engines);
        requireOutsideEngines(loraManagerPort, "--lora-manager-port", engineBasePort, engines);
        if (port == metadataPort || port == loraManagerPort || metadataPort == loraManagerPort) {
            throw new IllegalArgumentException("--port " + port + ", --metadata-port " + metadataPort
                    + " and --lora-manager-port " + loraManagerPort + " must differ");
        }
        if (model == null || !model.matches(NAME)) {
            throw new IllegalArgumentException("--model must be 1-63 letters, digits, '.', '_' or '-', starting and"
                    + " ending with a letter or digit, but was '" + model + "'");
        }
        if (adapter != null && adapter.isBlank()) {
            adapter = null;
        }
        if (adapter != null && (!adapter.matches(NAME) || adapter.equals(model))) {
            throw new IllegalArgumentException("--adapter must be a name like --model's and differ from it, but was '"
                    + adapter + "'");
        }
        if (profile != null && profile.isBlank()) {
            profile = null;
        }
        if (adminToken == null || adminToken.length() < MIN_TOKEN_LENGTH || adminToken.isBlank()) {
            throw new IllegalArgumentException("--admin-token must be at least " + MIN_TOKEN_LENGTH + " characters");
        }
        if (startupTimeout.isNegative() || startupTimeout.isZero()) {
            throw new IllegalArgumentException("--startup-timeout must be positive but was "
                    + startupTimeout.toSeconds() + " s");
        }
        engineArgs = List.copyOf(engineArgs);
        gatewayArgs = List.copyOf(gatewayArgs);
        metadataArgs = List.copyOf(metadataArgs);
        loraManagerArgs = List.copyOf(loraManagerArgs);
    }

    /** These settings with metadata-service's data in {@code directory}. */
    SuiteSettings withDataDir(Path directory) {
        return new SuiteSettings(servicesDir, java, engines, engineBasePort, model, adapter, profile, port,
                metadataPort, loraManagerPort, adminToken, apiKeys, directory, startupTimeout, engineArgs,
                gatewayArgs, metadataArgs, loraManagerArgs);
    }

    /** The engines' ports, engine 0 first. */
    List<Integer> enginePorts() {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < engines; i++) {
            ports.add(engineBasePort + i);
        }
        return ports;
    }

    private static void requirePort(int port, String option) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(option + " must be in 1..65535 but was " + port);
        }
    }

    private static void requireOutsideEngines(int port, String option, int engineBasePort, int engines) {
        if (port >= engineBasePort && port < engineBasePort + engines) {
            throw new IllegalArgumentException(option + " " + port + " is one of the engine ports " + engineBasePort
                    + ".." + (engineBasePort + engines - 1));
        }
    }
}

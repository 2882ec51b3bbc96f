package io.aibrix.localsuite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the launcher starts, validated. Engines listen on {@code engineBasePort .. engineBasePort + engines - 1}.
 *
 * @param servicesDir    directory holding the services' executable jars
 * @param java           the java binary every child JVM runs on
 * @param engines        simulated engines in the fleet
 * @param engineBasePort port of engine 0
 * @param model          the base model every engine serves and the gateway routes
 * @param profile        simulator step-time profile, or {@code null} for the simulator's default
 * @param port           the gateway's port
 * @param startupTimeout how long each service may take to become ready
 * @param engineArgs     extra arguments for the engine fleet JVM, appended after the launcher's own
 * @param gatewayArgs    extra arguments for the gateway JVM, appended after the launcher's own
 */
record SuiteSettings(
        Path servicesDir,
        String java,
        int engines,
        int engineBasePort,
        String model,
        String profile,
        int port,
        Duration startupTimeout,
        List<String> engineArgs,
        List<String> gatewayArgs) {

    static final String DEFAULT_MODEL = "llama3-8b";

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
        if (port >= engineBasePort && port < engineBasePort + engines) {
            throw new IllegalArgumentException("--port " + port + " is one of the engine ports " + engineBasePort
                    + ".." + (engineBasePort + engines - 1));
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("--model must not be blank");
        }
        if (profile != null && profile.isBlank()) {
            profile = null;
        }
        if (startupTimeout.isNegative() || startupTimeout.isZero()) {
            throw new IllegalArgumentException("--startup-timeout must be positive but was "
                    + startupTimeout.toSeconds() + " s");
        }
        engineArgs = List.copyOf(engineArgs);
        gatewayArgs = List.copyOf(gatewayArgs);
    }

    private static void requirePort(int port, String option) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(option + " must be in 1..65535 but was " + port);
        }
    }
}

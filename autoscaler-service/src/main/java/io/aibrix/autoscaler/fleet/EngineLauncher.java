package io.aibrix.autoscaler.fleet;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.aibrix.autoscaler.actuator.ActuatorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts one engine: a child JVM of the engine-simulator jar on the lowest free port, cold for the startup delay. */
final class EngineLauncher {

    private static final Logger log = LoggerFactory.getLogger(EngineLauncher.class);

    private final FleetProperties properties;
    private final Clock clock;

    EngineLauncher(FleetProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * @param taken  ports the fleet's engines hold already
     * @param reason the condition reason of a failure
     */
    EngineProcess launch(String name, int index, Set<Integer> taken, String reason) throws ActuatorException {
        Path jar = engineJar(properties.engineJar(), reason);
        int port = freePort(taken);
        List<String> command = new ArrayList<>();
        command.add(properties.java().isBlank() ? ProcessHandle.current().info().command().orElse("java")
                : properties.java());
        command.addAll(properties.jvmArgs());
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port,
                "--simulator.model=" + properties.model(),
                "--simulator.startup-delay=" + properties.startupDelay().toMillis() + "ms",
                "--simulator.engine-index=" + index));
        command.addAll(properties.engineArgs());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (properties.logDirectory() != null) {
            builder.redirectOutput(properties.logDirectory().resolve(name + ".log").toFile());
        }
        else {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        try {
            if (properties.logDirectory() != null) {
                Files.createDirectories(properties.logDirectory());
            }
            Process process = builder.start();
            log.info("started engine {} on port {} (pid {})", name, port, process.pid());
            return new EngineProcess(name, port, process, clock.instant());
        }
        catch (IOException ex) {
            throw new ActuatorException(reason, "could not start engine " + name + ": " + ex.getMessage(), ex);
        }
    }

    /** The configured jar, or the one engine-simulator exec jar in the configured directory (a build's target). */
    static Path engineJar(Path configured, String reason) throws ActuatorException {
        if (configured != null && Files.isDirectory(configured)) {
            List<Path> jars;
            try (Stream<Path> files = Files.list(configured)) {
                jars = files.filter(file -> file.getFileName().toString().matches("engine-simulator-.*-exec\\.jar"))
                        .toList();
            }
            catch (IOException ex) {
                throw new ActuatorException(reason, "autoscaler.fleet.engine-jar: cannot list '" + configured + "': "
                        + ex.getMessage(), ex);
            }
            if (jars.size() != 1) {
                throw new ActuatorException(reason, "autoscaler.fleet.engine-jar names the directory '" + configured
                        + "', which must hold exactly one engine-simulator-*-exec.jar but holds " + jars.size());
            }
            return jars.get(0);
        }
        if (configured == null || !Files.isRegularFile(configured)) {
            throw new ActuatorException(reason, "autoscaler.fleet.engine-jar must name the engine-simulator's"
                    + " executable jar, or a directory holding it, but was '" + configured + "'");
        }
        return configured;
    }

    private int freePort(Set<Integer> taken) throws ActuatorException {
        for (int port = properties.basePort(); port <= 65535; port++) {
            if (!taken.contains(port) && isFree(port)) {
                return port;
            }
        }
        throw new ActuatorException(ActuatorException.FAILED_UPDATE_SCALE, "no free port from "
                + properties.basePort());
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }
}

package io.aibrix.batch.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.core.ConditionTimeoutException;

/**
 * Packaged batch-service instances ({@code batch.jar}) run as child processes of the test, so they can be killed with
 * SIGKILL like a crashed pod. Closing kills every instance still alive.
 */
public final class ServiceProcesses implements AutoCloseable {

    /** One instance: its lease node id, process and API address. */
    public record Node(String id, Process process, URI baseUri, Path log) {

        /** Waits until the instance answers its health probe; fails at once if it exited. */
        public Node awaitHealthy(Duration timeout) {
            ApiClient health = new ApiClient(baseUri, null);
            try {
                awaitHealth(health, timeout);
            } catch (ConditionTimeoutException e) {
                throw new IllegalStateException(id + " is not healthy after " + timeout + ": " + readLog(), e);
            }
            return this;
        }

        private void awaitHealth(ApiClient health, Duration timeout) {
            await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("The service exited: " + readLog());
                }
                try {
                    return health.get("/actuator/health").status() == 200;
                } catch (UncheckedIOException e) {
                    return false;
                }
            });
        }

        private String readLog() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }

        /** SIGKILL, and waits until the process is gone. */
        public void kill() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }
    }

    private final Path workDir;
    private final List<Process> processes = new ArrayList<>();

    /** @param workDir where the instances' logs go */
    public ServiceProcesses(Path workDir) {
        this.workDir = workDir;
    }

    /** Starts an instance with {@code batch.lease.node-id} = {@code nodeId} on a free port, without waiting for it. */
    public Node launch(String nodeId, Map<String, String> properties) throws IOException {
        int port = freePort();
        Map<String, String> all = new LinkedHashMap<>(properties);
        all.put("server.port", Integer.toString(port));
        all.put("batch.lease.node-id", nodeId);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", System.getProperty("batch.jar")));
        all.forEach((key, value) -> command.add("--" + key + "=" + value));
        Path log = workDir.resolve(nodeId + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        return new Node(nodeId, process, URI.create("http://127.0.0.1:" + port), log);
    }

    @Override
    public void close() {
        processes.forEach(Process::destroyForcibly);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package io.aibrix.gateway.support;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The real batch-service, from its exec jar ({@code -Dbatch-service.jar}, copied there by the build), running as a
 * child JVM on the given PostgreSQL database, storing files in a directory of its own and sending batch lines straight
 * to the given engines (a child JVM for the reason {@link ServiceJar} gives).
 */
public final class BatchService implements AutoCloseable {

    private final ServiceJar service;

    private BatchService(ServiceJar service) {
        this.service = service;
    }

    /** Starts it and waits until it is healthy; {@code database} holds the {@code spring.datasource.*} properties. */
    public static BatchService start(Map<String, String> database, List<URI> engines) {
        int port = MetadataService.freePort();
        Path home = Path.of("target", "batch-service", "run-" + port);
        Map<String, String> properties = new LinkedHashMap<>(database);
        properties.put("server.port", Integer.toString(port));
        properties.put("batch.storage.local.directory", home.resolve("files").toAbsolutePath().toString());
        properties.put("batch.execution.targets",
                engines.stream().map(URI::toString).collect(Collectors.joining(",")));
        properties.put("batch.jobs.poll-interval", "100ms");
        return new BatchService(ServiceJar.start("batch-service", "batch-service.jar", "256m",
                home.resolve("batch-service.log"), properties));
    }

    public URI baseUri() {
        return service.baseUri();
    }

    @Override
    public void close() {
        service.close();
    }
}

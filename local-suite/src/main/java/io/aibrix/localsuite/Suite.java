package io.aibrix.localsuite;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Starts services one after another, each only once the previous one is ready and its {@link AfterReady} step done,
 * and stops them all in reverse order.
 * {@link #close()} may run at any time from another thread (the launcher's shutdown hook): a service started after
 * it is stopped at once, and {@link #start()} then fails.
 */
final class Suite implements AutoCloseable {

    /** Prefix of the launcher's own output lines, beside the children's {@code [name]}. */
    static final String LAUNCHER_PREFIX = "[local-suite] ";

    /** How long a child may take to exit after SIGTERM before it is killed. */
    static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final List<Service> services;
    private final Duration startupTimeout;
    private final AfterReady afterReady;
    private final PrintStream out;
    private final List<ChildProcess> children = new ArrayList<>(); // guarded by this
    private boolean closed; // guarded by this

    /** What to do once a service is ready, before the next one starts. */
    @FunctionalInterface
    interface AfterReady {

        /** Throws to fail the start, naming the service in the exception. */
        void ready(Service service) throws SuiteStartupException, InterruptedException;
    }

    Suite(List<Service> services, Duration startupTimeout, PrintStream out) {
        this(services, startupTimeout, service -> { }, out);
    }

    Suite(List<Service> services, Duration startupTimeout, AfterReady afterReady, PrintStream out) {
        this.services = List.copyOf(services);
        this.startupTimeout = startupTimeout;
        this.afterReady = afterReady;
        this.out = out;
    }

    /** Starts every service in order and waits until each is ready; on failure stops what it started. */
    void start() throws SuiteStartupException, IOException, InterruptedException {
        for (Service service : services) {
            for (int port : service.ports()) {
                if (!Ports.isFree(port)) {
                    throw new SuiteStartupException(service.name(), "port " + port + " is already in use; pick"
                            + " another with " + service.portHint(), List.of());
                }
            }
        }
        try (Readiness readiness = new Readiness()) {
            for (Service service : services) {
                out.println(LAUNCHER_PREFIX + "starting " + service.name());
                readiness.await(launch(service), service.readiness(), startupTimeout);
                out.println(LAUNCHER_PREFIX + service.name() + " ready");
                afterReady.ready(service);
            }
        }
        catch (SuiteStartupException | IOException | InterruptedException | RuntimeException ex) {
            close();
            throw ex;
        }
    }

    private ChildProcess launch(Service service) throws IOException, SuiteStartupException {
        ChildProcess child = ChildProcess.start(service.name(), service.command(), service.environment(), out);
        synchronized (this) {
            if (!closed) {
                children.add(child);
                return child;
            }
        }
        child.stop(STOP_GRACE);
        throw new SuiteStartupException(service.name(), "the suite was stopped while starting", List.of());
    }

    /** The children started so far, in start order, including any that have exited. */
    synchronized List<ChildProcess> children() {
        return List.copyOf(children);
    }

    /** Blocks until any child exits and returns it; returns at once if one already has. */
    ChildProcess awaitFirstExit() throws InterruptedException {
        List<CompletableFuture<ChildProcess>> exits = children().stream().map(ChildProcess::onExit).toList();
        if (exits.isEmpty()) {
            throw new IllegalStateException("no services were started");
        }
        try {
            return CompletableFuture.anyOf(exits.toArray(CompletableFuture<?>[]::new))
                    .thenCompose(ignored -> exits.stream().filter(CompletableFuture::isDone).findFirst()
                            .orElseThrow())
                    .get();
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException("waiting for a child to exit failed", ex.getCause());
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Stops every child, last started first, and returns once all have exited. Synchronized so that a second caller
     * (the shutdown hook while the launcher stops the suite itself) only returns when the children are gone.
     */
    @Override
    public synchronized void close() {
        closed = true;
        for (int i = children.size() - 1; i >= 0; i--) {
            ChildProcess child = children.get(i);
            if (child.isAlive()) {
                out.println(LAUNCHER_PREFIX + "stopping " + child.name());
                child.stop(STOP_GRACE);
            }
        }
    }
}

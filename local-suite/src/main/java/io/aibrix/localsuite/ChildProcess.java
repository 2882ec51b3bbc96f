package io.aibrix.localsuite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A started child process whose merged stdout and stderr is copied line by line to the launcher's output, each line
 * prefixed with {@code [name]}, and whose last lines are kept for failure messages.
 */
final class ChildProcess {

    static final int TAIL_LINES = 40;

    /** How long to let the output copier catch up once the process has exited. */
    private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(1);

    private final String name;
    private final Process process;
    private final LogTail tail = new LogTail(TAIL_LINES);
    private final Thread pump;

    private ChildProcess(String name, Process process, PrintStream out) {
        this.name = name;
        this.process = process;
        this.pump = Thread.ofPlatform().daemon().name(name + "-output").start(() -> copyOutput(out));
    }

    static ChildProcess start(String name, List<String> command, Map<String, String> environment, PrintStream out)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        // The children never read stdin; closing it lets one that tries see end-of-file instead of hanging.
        process.getOutputStream().close();
        return new ChildProcess(name, process, out);
    }

    String name() {
        return name;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Exit code; only meaningful once {@link #isAlive()} is false. */
    int exitCode() {
        return process.exitValue();
    }

    CompletableFuture<ChildProcess> onExit() {
        return process.onExit().thenApply(exited -> this);
    }

    /** The last lines printed, after giving the output copier a moment to catch up with an exited process. */
    List<String> lastLines() {
        if (!process.isAlive()) {
            try {
                pump.join(OUTPUT_DRAIN);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        return tail.lines();
    }

    /**
     * Asks the process (and anything it started) to terminate, waits up to {@code grace}, then kills what is left.
     * Returns once the process has exited, or has been killed and waited for once more, and its last output lines
     * have been copied.
     */
    void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        // Through the handle: Process.destroy() would also close the output pipe and lose the last lines.
        ProcessHandle handle = process.toHandle();
        // Collected first: once the process is gone its children are re-parented and no longer its descendants.
        List<ProcessHandle> descendants = handle.descendants().toList();
        descendants.forEach(ProcessHandle::destroy);
        handle.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                descendants.forEach(ProcessHandle::destroyForcibly);
                handle.destroyForcibly();
                process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
            pump.join(OUTPUT_DRAIN);
        }
        catch (InterruptedException ex) {
            descendants.forEach(ProcessHandle::destroyForcibly);
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void copyOutput(PrintStream out) {
        String prefix = "[" + name + "] ";
        try (BufferedReader reader = process.inputReader()) {
            String line;
            while ((line = reader.readLine()) != null) {
                tail.add(line);
                out.println(prefix + line);
            }
        }
        catch (IOException | UncheckedIOException ex) {
            // The pipe broke: there is nothing more to copy.
        }
        out.flush();
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}

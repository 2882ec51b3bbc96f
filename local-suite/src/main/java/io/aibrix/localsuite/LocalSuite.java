package io.aibrix.localsuite;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Runs the suite on this machine: a fleet of simulated engines in one JVM, then the gateway in front of them, each
 * from its executable jar. Exit codes: 1 a service did not come up or died, 2 bad options; Ctrl+C stops everything.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        usageHelpWidth = 110, versionProvider = LocalSuite.Version.class,
        description = {"Starts a fleet of simulated vLLM engines and the OpenAI-compatible gateway in front of them, "
                + "each service in its own JVM, and prints their output prefixed with the service name. Ctrl+C "
                + "stops every service. With the defaults the OpenAI API is at:",
                "  http://localhost:8888/v1%n"})
public final class LocalSuite implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8888",
            description = "Port of the gateway. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--engines", paramLabel = "N", defaultValue = "3",
            description = "Simulated engines in the fleet. Default: ${DEFAULT-VALUE}.")
    int engines;

    @Option(names = "--engine-base-port", paramLabel = "PORT", defaultValue = "8000",
            description = "Port of engine 0; engine i listens on PORT + i. Default: ${DEFAULT-VALUE}.")
    int engineBasePort;

    @Option(names = "--model", paramLabel = "NAME", defaultValue = SuiteSettings.DEFAULT_MODEL,
            description = "Base model every engine serves. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--profile", paramLabel = "PROFILE",
            description = "Simulator step-time profile: llama3-8b-a100, llama3-8b-h100 or zero (no model delay). "
                    + "Default: the simulator's (llama3-8b-a100).")
    String profile;

    @Option(names = "--startup-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "How long each service may take to become ready. Default: ${DEFAULT-VALUE}.")
    long startupTimeoutSeconds;

    @Option(names = "--engine-arg", paramLabel = "ARG",
            description = "Extra engine fleet argument, repeatable: --engine-arg=--simulator.seed=7")
    List<String> engineArgs = new ArrayList<>();

    @Option(names = "--gateway-arg", paramLabel = "ARG",
            description = "Extra gateway argument, repeatable: --gateway-arg=--logging.level.root=info")
    List<String> gatewayArgs = new ArrayList<>();

    @Option(names = "--services-dir", paramLabel = "DIR",
            description = "Directory with the services' executable jars. Default: 'suite' beside the launcher jar.")
    Path servicesDir;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LocalSuite()).execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        SuiteSettings settings = settings();
        PrintStream out = System.out;
        PrintStream err = System.err;
        for (Path jar : Services.jars(settings)) {
            if (!Files.isRegularFile(jar)) {
                err.println(Suite.LAUNCHER_PREFIX + "missing " + jar
                        + "; build it with: mvn -B -DskipTests package -pl local-suite -am");
                return 1;
            }
        }
        Suite suite = new Suite(Services.all(settings), settings.startupTimeout(), out);
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("local-suite-stop").unstarted(() -> {
            stopping.set(true);
            suite.close();
        }));
        long started = System.nanoTime();
        try {
            suite.start();
        }
        catch (SuiteStartupException ex) {
            if (!stopping.get()) {
                err.println(Suite.LAUNCHER_PREFIX + ex.getMessage());
            }
            return 1;
        }
        out.print(Banner.text(settings, Duration.ofNanos(System.nanoTime() - started)));
        out.flush();
        return supervise(suite, stopping, err);
    }

    /**
     * Waits until a service exits. That is expected while {@code stopping} (the shutdown hook runs): 0. Otherwise
     * the suite is no longer whole: says which service died, stops the rest and returns 1.
     */
    static int supervise(Suite suite, AtomicBoolean stopping, PrintStream err) throws InterruptedException {
        ChildProcess exited = suite.awaitFirstExit();
        if (stopping.get()) {
            return 0;
        }
        err.println(Suite.LAUNCHER_PREFIX + exited.name() + " exited unexpectedly with code "
                + exited.exitCode() + "; stopping the suite.");
        suite.close();
        return 1;
    }

    SuiteSettings settings() {
        try {
            return new SuiteSettings(servicesDir == null ? defaultServicesDir() : servicesDir, javaCommand(), engines,
                    engineBasePort, model, profile, port, Duration.ofSeconds(startupTimeoutSeconds), engineArgs,
                    gatewayArgs);
        }
        catch (IllegalArgumentException ex) {
            throw new ParameterException(spec.commandLine(), ex.getMessage(), ex);
        }
    }

    /**
     * 'suite' beside the jar this runs from ({@code java -jar} puts just that jar on the class path); from classes
     * (an IDE), the build's directory relative to the repository root.
     */
    private static Path defaultServicesDir() {
        String classPath = System.getProperty("java.class.path", "");
        if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
            return Path.of(classPath).toAbsolutePath().resolveSibling("suite");
        }
        return Path.of("local-suite", "target", "suite").toAbsolutePath();
    }

    /** The java binary this launcher runs on, so every child runs on the same JDK. */
    private static String javaCommand() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The jar's Implementation-Version, or a placeholder when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {

        @Override
        public String[] getVersion() {
            String version = LocalSuite.class.getPackage().getImplementationVersion();
            return new String[] {"aibrix local suite " + (version == null ? "(development build)" : version)};
        }
    }
}

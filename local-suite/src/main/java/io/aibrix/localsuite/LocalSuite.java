package io.aibrix.localsuite;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
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
 * Runs the suite on this machine: metadata-service, a fleet of simulated engines in one JVM, lora-manager, then the
 * gateway in front of them, each from its executable jar; the launcher creates the base model and one adapter and
 * registers the engines. Exit codes: 1 a service did not come up or died, 2 bad options; Ctrl+C stops everything.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        usageHelpWidth = 110, versionProvider = LocalSuite.Version.class,
        description = {"Starts metadata-service (on an embedded PostgreSQL), a fleet of simulated vLLM engines, "
                + "lora-manager and the OpenAI-compatible gateway, each service in its own JVM, and prints their "
                + "output prefixed with the service name. The fleet serves one base model and one LoRA adapter, "
                + "created through the admin API at startup. Ctrl+C stops every service. With the defaults the "
                + "OpenAI API is at:",
                "  http://localhost:8888/v1",
                "and the admin API at http://localhost:8090/admin/v1, with the admin token the banner prints.%n"})
public final class LocalSuite implements Callable<Integer> {

    /** The default adapter is the base model's name with this suffix. */
    static final String DEFAULT_ADAPTER_SUFFIX = "-sql-lora";

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8888",
            description = "Port of the gateway. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--metadata-port", paramLabel = "PORT", defaultValue = "8090",
            description = "Port of metadata-service (admin API, engine registry). Default: ${DEFAULT-VALUE}.")
    int metadataPort;

    @Option(names = "--lora-manager-port", paramLabel = "PORT", defaultValue = "8092",
            description = "Port of lora-manager. Default: ${DEFAULT-VALUE}.")
    int loraManagerPort;

    @Option(names = "--engines", paramLabel = "N", defaultValue = "3",
            description = "Simulated engines in the fleet. Default: ${DEFAULT-VALUE}.")
    int engines;

    @Option(names = "--engine-base-port", paramLabel = "PORT", defaultValue = "8000",
            description = "Port of engine 0; engine i listens on PORT + i. Default: ${DEFAULT-VALUE}.")
    int engineBasePort;

    @Option(names = "--model", paramLabel = "NAME", defaultValue = SuiteSettings.DEFAULT_MODEL,
            description = "Base model every engine serves. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--adapter", paramLabel = "NAME",
            description = "LoRA adapter created on the base model at startup and loaded on every engine. Default: "
                    + "the model's name + '-sql-lora' (llama3-8b-sql-lora); --adapter= for none.")
    String adapter;

    @Option(names = "--api-keys",
            description = "Require API keys at the gateway (create them through the admin API, as the banner "
                    + "shows). Default: off, any key or none is accepted.")
    boolean apiKeys;

    @Option(names = "--admin-token", paramLabel = "TOKEN",
            description = "metadata-service's admin token, at least 16 characters. Default: a random one per run, "
                    + "printed in the banner.")
    String adminToken;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep metadata-service's database (models, adapters, users, keys) in DIR across runs. "
                    + "Default: a temporary directory deleted on exit.")
    Path dataDir;

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

    @Option(names = "--metadata-arg", paramLabel = "ARG",
            description = "Extra metadata-service argument, repeatable: --metadata-arg=--logging.level.io.aibrix=debug")
    List<String> metadataArgs = new ArrayList<>();

    @Option(names = "--lora-manager-arg", paramLabel = "ARG",
            description = "Extra lora-manager argument, repeatable: --lora-manager-arg=--lora.placement.random-seed=7")
    List<String> loraManagerArgs = new ArrayList<>();

    @Option(names = "--autoscaler",
            description = "Also start autoscaler-service, whose local fleet adds simulated engines as PodAutoscalers "
                    + "created through its API ask (see the README).")
    boolean autoscaler;

    @Option(names = "--autoscaler-port", paramLabel = "PORT", defaultValue = "8095",
            description = "Port of autoscaler-service with --autoscaler. Default: ${DEFAULT-VALUE}.")
    int autoscalerPort;

    @Option(names = "--autoscaler-engine-base-port", paramLabel = "PORT", defaultValue = "8100",
            description = "First port of the autoscaler's engines. Default: ${DEFAULT-VALUE}.")
    int autoscalerEngineBasePort;

    @Option(names = "--autoscaler-max-engines", paramLabel = "N", defaultValue = "8",
            description = "Most engines the autoscaler may start per fleet. Default: ${DEFAULT-VALUE}.")
    int autoscalerMaxEngines;

    @Option(names = "--autoscaler-engine-startup-delay", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds a new autoscaled engine answers 503 (its cold start). Default: ${DEFAULT-VALUE}.")
    long autoscalerEngineStartupSeconds;

    @Option(names = "--autoscaler-arg", paramLabel = "ARG",
            description = "Extra autoscaler-service argument, repeatable: --autoscaler-arg=--autoscaler.reconcile.interval=2s")
    List<String> autoscalerArgs = new ArrayList<>();

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
        Path temporary = settings.dataDir() == null ? Files.createTempDirectory("aibrix-local-suite-") : null;
        if (temporary != null) {
            settings = settings.withDataDir(temporary);
        }
        List<Service> services = Services.all(settings);
        if (autoscaler) {
            Path jar = settings.servicesDir().resolve(AutoscalerService.JAR);
            if (!Files.isRegularFile(jar)) {
                err.println(Suite.LAUNCHER_PREFIX + "missing " + jar
                        + "; build it with: mvn -B -DskipTests package -pl local-suite -am");
                return 1;
            }
            services = AutoscalerService.beforeGateway(services, AutoscalerService.service(settings,
                    autoscalerSettings(settings)));
        }
        FleetSetup setup = new FleetSetup(settings, out);
        Suite suite = new Suite(services, settings.startupTimeout(), setup, out);
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("local-suite-stop").unstarted(() -> {
            stopping.set(true);
            setup.close();
            suite.close();
            if (temporary != null) {
                TemporaryDirectory.delete(temporary);
            }
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
        out.print(Banner.text(settings, temporary != null, Duration.ofNanos(System.nanoTime() - started)));
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
                    engineBasePort, model, adapter == null ? model + DEFAULT_ADAPTER_SUFFIX : adapter, profile, port,
                    metadataPort, loraManagerPort, adminToken == null ? generatedToken() : adminToken, apiKeys,
                    dataDir, Duration.ofSeconds(startupTimeoutSeconds), engineArgs, gatewayArgs, metadataArgs,
                    loraManagerArgs);
        }
        catch (IllegalArgumentException ex) {
            throw new ParameterException(spec.commandLine(), ex.getMessage(), ex);
        }
    }

    AutoscalerService.Settings autoscalerSettings(SuiteSettings suite) {
        try {
            AutoscalerService.Settings settings = new AutoscalerService.Settings(autoscalerPort,
                    autoscalerEngineBasePort, autoscalerMaxEngines, Duration.ofSeconds(autoscalerEngineStartupSeconds),
                    autoscalerArgs);
            settings.checkAgainst(suite);
            return settings;
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

    /** 256 random bits, URL-safe: a fresh admin token per run. */
    private static String generatedToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
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

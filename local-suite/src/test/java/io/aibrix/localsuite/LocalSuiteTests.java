package io.aibrix.localsuite;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link LocalSuite}'s options. */
class LocalSuiteTests {

    @Test
    void defaultsToThreeEnginesOnPort8000AndTheGatewayOn8888() {
        SuiteSettings settings = parse();

        assertThat(settings.engines()).isEqualTo(3);
        assertThat(settings.engineBasePort()).isEqualTo(8000);
        assertThat(settings.port()).isEqualTo(8888);
        assertThat(settings.metadataPort()).isEqualTo(8090);
        assertThat(settings.loraManagerPort()).isEqualTo(8092);
        assertThat(settings.model()).isEqualTo("llama3-8b");
        assertThat(settings.adapter()).isEqualTo("llama3-8b-sql-lora");
        assertThat(settings.apiKeys()).isFalse();
        assertThat(settings.dataDir()).isNull();
        assertThat(settings.profile()).isNull();
        assertThat(settings.startupTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(settings.java()).isEqualTo(ProcessHandle.current().info().command().orElseThrow());
    }

    @Test
    void generatesADifferentAdminTokenForEveryRunUnlessOneIsGiven() {
        assertThat(parse().adminToken()).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(parse().adminToken());
        assertThat(parse("--admin-token=my-admin-token-0123").adminToken()).isEqualTo("my-admin-token-0123");
    }

    @Test
    void namesTheAdapterAfterTheModelOrAsGivenOrNone() {
        assertThat(parse("--model=mistral-7b").adapter()).isEqualTo("mistral-7b-sql-lora");
        assertThat(parse("--adapter=chat-lora").adapter()).isEqualTo("chat-lora");
        assertThat(parse("--adapter=").adapter()).isNull();
    }

    @Test
    void passesRepeatedExtraArgumentsThroughVerbatim() {
        SuiteSettings settings = parse("--engine-arg=--simulator.time-scale=0.1", "--engine-arg=--simulator.seed=7",
                "--gateway-arg=--logging.level.io.aibrix=debug", "--services-dir=/opt/suite", "--profile=zero",
                "--metadata-arg=--metadata.engines.ttl=1m", "--lora-manager-arg=--lora.reconcile.interval=5s",
                "--api-keys", "--data-dir=state", "--metadata-port=9090", "--lora-manager-port=9092");

        assertThat(settings.engineArgs()).containsExactly("--simulator.time-scale=0.1", "--simulator.seed=7");
        assertThat(settings.gatewayArgs()).containsExactly("--logging.level.io.aibrix=debug");
        assertThat(settings.metadataArgs()).containsExactly("--metadata.engines.ttl=1m");
        assertThat(settings.loraManagerArgs()).containsExactly("--lora.reconcile.interval=5s");
        assertThat(settings.apiKeys()).isTrue();
        assertThat(settings.dataDir()).isEqualTo(Path.of("state"));
        assertThat(settings.metadataPort()).isEqualTo(9090);
        assertThat(settings.loraManagerPort()).isEqualTo(9092);
        assertThat(settings.servicesDir()).isEqualTo(Path.of("/opt/suite"));
        assertThat(settings.profile()).isEqualTo("zero");
    }

    @Test
    void rejectsInconsistentOptionsWithExitCode2() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new LocalSuite()).setErr(new PrintWriter(err));

        int exitCode = commandLine.execute("--engines=2", "--engine-base-port=9000", "--port=9001");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--port 9001 is one of the engine ports 9000..9001");
    }

    private static SuiteSettings parse(String... args) {
        LocalSuite command = new LocalSuite();
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }
}

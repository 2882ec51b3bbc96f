package io.aibrix.localsuite;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Tests for {@link Suite} and {@link LocalSuite#supervise}, with small stand-in services as child JVMs. */
class SuiteIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final CapturedOutput output = new CapturedOutput();

    @Test
    void startsServicesInOrderPrefixesTheirOutputAndStopsThemAll() throws Exception {
        Suite suite = new Suite(List.of(StubService.service("first", FreePorts.any(), 200, 0, 0),
                StubService.service("second", FreePorts.any(), 200, 0, 0)), TIMEOUT, output.stream());
        List<ProcessHandle> processes;
        try {
            suite.start();
            processes = suite.children().stream().map(ChildProcess::handle).toList();
            assertThat(processes).hasSize(2).allMatch(ProcessHandle::isAlive);
        }
        finally {
            suite.close();
        }
        assertThat(processes).noneMatch(ProcessHandle::isAlive);
        String text = output.text();
        assertThat(text).contains("[first] stub listening on", "[first] stub says hello on stderr",
                "[second] stub listening on");
        assertThat(text.indexOf("[local-suite] first ready")).isLessThan(text.indexOf("[local-suite] starting second"));
    }

    @Test
    void namesTheServiceThatExitsWhileStartingAndShowsItsLastLines() throws Exception {
        Suite suite = new Suite(List.of(StubService.service("first", FreePorts.any(), 200, 0, 0),
                StubService.service("second", FreePorts.any(), 503, 3, 300)), TIMEOUT, output.stream());

        assertThatExceptionOfType(SuiteStartupException.class).isThrownBy(suite::start)
                .satisfies(ex -> assertThat(ex.service()).isEqualTo("second"))
                .withMessageContaining("second did not come up: it exited with code 3 while starting")
                .withMessageContaining("[second] stub giving up with code 3");
        assertThat(suite.children()).extracting(ChildProcess::handle).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void namesTheServiceThatIsNotReadyInTime() {
        Suite suite = new Suite(List.of(StubService.service("slow", FreePorts.any(), 503, 0, 0)),
                Duration.ofSeconds(2), output.stream());

        assertThatExceptionOfType(SuiteStartupException.class).isThrownBy(suite::start)
                .withMessageContaining("slow did not come up: not ready within 2 s (--startup-timeout)")
                .withMessageContaining("HTTP 503")
                .withMessageContaining("[slow] stub listening on");
        assertThat(suite.children()).extracting(ChildProcess::handle).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void refusesToStartAnythingWhenAPortIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            Suite suite = new Suite(List.of(StubService.service("first", FreePorts.any(), 200, 0, 0),
                    StubService.service("second", port, 200, 0, 0)), TIMEOUT, output.stream());

            assertThatExceptionOfType(SuiteStartupException.class).isThrownBy(suite::start)
                    .withMessage("second did not come up: port " + port + " is already in use; pick another with"
                            + " --second-port");
            assertThat(suite.children()).isEmpty();
        }
    }

    @Test
    void stopsEveryServiceAndFailsWhenOneDiesAfterStartup() throws Exception {
        Suite suite = new Suite(List.of(StubService.service("steady", FreePorts.any(), 200, 0, 0),
                StubService.service("fragile", FreePorts.any(), 200, 7, 1500)), TIMEOUT, output.stream());
        CapturedOutput errors = new CapturedOutput();
        int exitCode;
        try {
            suite.start();

            exitCode = LocalSuite.supervise(suite, new AtomicBoolean(), errors.stream());
        }
        finally {
            suite.close();
        }
        assertThat(exitCode).isEqualTo(1);
        assertThat(errors.text())
                .contains("[local-suite] fragile exited unexpectedly with code 7; stopping the suite.");
        assertThat(suite.children()).extracting(ChildProcess::handle).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void endsSupervisionQuietlyWhenTheLauncherIsStopping() throws Exception {
        AtomicBoolean stopping = new AtomicBoolean();
        Suite suite = new Suite(List.of(StubService.service("only", FreePorts.any(), 200, 0, 0)), TIMEOUT,
                output.stream());
        CapturedOutput errors = new CapturedOutput();
        suite.start();
        stopping.set(true);
        suite.close();

        assertThat(LocalSuite.supervise(suite, stopping, errors.stream())).isZero();
        assertThat(errors.text()).isEmpty();
    }
}

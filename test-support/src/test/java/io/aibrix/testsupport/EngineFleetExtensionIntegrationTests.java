package io.aibrix.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import io.aibrix.simulator.SimulatedEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Tests for {@link EngineFleetExtension}. */
class EngineFleetExtensionIntegrationTests {

    @RegisterExtension
    static EngineFleetExtension fleet = EngineFleetExtension.builder()
            .engines(2)
            .property("simulator.profile", "zero")
            .engineProperty(1, "simulator.role", "decode")
            .build();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void startsEveryEngineOnItsOwnPort() {
        List<SimulatedEngine> engines = fleet.engines();

        assertThat(engines).hasSize(2).allMatch(SimulatedEngine::isRunning);
        assertThat(engines).extracting(SimulatedEngine::port).doesNotHaveDuplicates().allMatch(port -> port > 0);
        assertThat(fleet.baseUris()).containsExactly(fleet.engine(0).baseUri(), fleet.engine(1).baseUri());
    }

    @Test
    void everyEngineAnswersHealthChecks() throws Exception {
        for (URI baseUri : fleet.baseUris()) {
            assertThat(get(baseUri.resolve("/health")).statusCode()).as("%s/health", baseUri).isEqualTo(200);
        }
    }

    @Test
    void everyEngineListsItsModel() throws Exception {
        for (SimulatedEngine engine : fleet.engines()) {
            HttpResponse<String> response = get(engine.baseUri().resolve("/v1/models"));

            assertThat(response.statusCode()).isEqualTo(200);
            List<String> ids = JsonPath.read(response.body(), "$.data[*].id");
            assertThat(ids).contains(engine.model());
        }
    }

    @Test
    void appliesAnEnginesOwnPropertiesToThatEngineOnly() throws Exception {
        String first = get(fleet.engine(0).baseUri().resolve("/server_info")).body();
        String second = get(fleet.engine(1).baseUri().resolve("/server_info")).body();

        assertThat(JsonPath.<String>read(first, "$.role")).isEqualTo("both");
        assertThat(JsonPath.<String>read(second, "$.role")).isEqualTo("decode");
    }

    @Test
    void refusesPropertiesForAnEngineTheFleetDoesNotHave() {
        assertThatThrownBy(() -> EngineFleetExtension.builder().engines(2).engineProperty(2, "simulator.role",
                "decode").build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("engine 2");
    }

    @Test
    void closesEveryEngineAfterTheTestClass() {
        EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(FleetLifecycleProbe.class))
                .execute()
                .testEvents()
                .assertStatistics(stats -> stats.succeeded(1).failed(0));

        assertThat(FleetLifecycleProbe.seen.isRunning()).isFalse();
        assertThatThrownBy(() -> get(FleetLifecycleProbe.seen.baseUri().resolve("/health")))
                .isInstanceOf(ConnectException.class);
        assertThatThrownBy(FleetLifecycleProbe.fleet::engines).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingAnotherFleetLeavesThisOneServing() throws Exception {
        EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(FleetLifecycleProbe.class))
                .execute()
                .testEvents()
                .assertStatistics(stats -> stats.succeeded(1));

        for (URI baseUri : fleet.baseUris()) {
            assertThat(get(baseUri.resolve("/health")).statusCode())
                    .as("%s/health after another engine closed (engines must not share global Reactor Netty resources)",
                            baseUri)
                    .isEqualTo(200);
        }
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Run only through the test kit above; its file name keeps the build's test filters from picking it up. */
    static class FleetLifecycleProbe {

        @RegisterExtension
        static EngineFleetExtension fleet = EngineFleetExtension.builder().engines(1).build();

        static SimulatedEngine seen;

        @Test
        void engineIsRunningDuringTheClass() {
            seen = fleet.engine(0);
            assertThat(seen.isRunning()).isTrue();
        }
    }
}

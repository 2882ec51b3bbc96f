package io.aibrix.gateway.discovery;

import java.util.List;

import io.aibrix.gateway.discovery.DiscoveryProperties.StaticModel;
import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.endpoint.EndpointSnapshot;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

/** Tests for {@link StaticModels}. */
class StaticModelsTests {

    @Test
    void acceptsUrlsAndHostPortsAsReadyEndpointsNamedByAddress() {
        EndpointSnapshot snapshot = StaticModels.snapshot(List.of(
                model("meta-llama/Llama-3.1-8B-Instruct", List.of("http://127.0.0.1:8000", "127.0.0.1:8001/")),
                model("sql-lora", List.of("127.0.0.1:8000"))));

        assertThat(snapshot.models()).containsExactly("meta-llama/Llama-3.1-8B-Instruct", "sql-lora");
        assertThat(snapshot.endpoints("meta-llama/Llama-3.1-8B-Instruct")).containsExactly(
                Endpoint.of("127.0.0.1", 8000), Endpoint.of("127.0.0.1", 8001));
        assertThat(snapshot.endpoints("sql-lora")).containsExactly(Endpoint.of("127.0.0.1", 8000));
        assertThat(snapshot.distinctEndpoints()).hasSize(2);
    }

    @Test
    void givesPrefillAndDecodeAddressesTheirRole() {
        EndpointSnapshot snapshot = StaticModels.snapshot(List.of(new StaticModel("pd-model", null,
                List.of("10.0.0.1:8000"), List.of("10.0.0.2:8000"), null)));

        assertThat(snapshot.endpoints("pd-model")).extracting(Endpoint::address, Endpoint::role)
                .containsExactly(tuple("10.0.0.1:8000", "prefill"),
                        tuple("10.0.0.2:8000", "decode"));
    }

    @Test
    void usesTheConfiguredMetricsPortElseTheServingPort() {
        EndpointSnapshot snapshot = StaticModels.snapshot(List.of(
                new StaticModel("a", List.of("h:8000"), null, null, 9090),
                model("b", List.of("h:8001"))));

        assertThat(snapshot.endpoints("a").get(0).metricsUri()).hasToString("http://h:9090/metrics");
        assertThat(snapshot.endpoints("b").get(0).metricsPort()).isEqualTo(8001);
    }

    @Test
    void keepsIpv6HostsWithoutBrackets() {
        Endpoint endpoint = StaticModels.snapshot(List.of(model("m", List.of("[::1]:8000")))).endpoints("m").get(0);

        assertThat(endpoint.host()).isEqualTo("::1");
        assertThat(endpoint.baseUri()).hasToString("http://[::1]:8000");
    }

    @Test
    void refusesBlankModelName() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> StaticModels.snapshot(
                        List.of(model("a", List.of("h:1")), model(" ", List.of("h:2")))))
                .withMessageContaining("gateway.discovery.static.models[1].name is blank");
    }

    @Test
    void refusesDuplicateModelName() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> StaticModels.snapshot(
                        List.of(model("m", List.of("h:1")), model("m", List.of("h:2")))))
                .withMessageContaining("gateway.discovery.static.models[1].name 'm' is configured twice");
    }

    @Test
    void refusesMalformedAddressesNamingTheValue() {
        for (String bad : List.of("127.0.0.1", "http://127.0.0.1", "h:0", "h:70000", "h:port", "https://h:8000",
                "http://h:8000/v1", "http://u@h:8000", "h:8000?x=1", "", "bad host:8000")) {
            assertThatIllegalArgumentException()
                    .as(bad)
                    .isThrownBy(() -> StaticModels.snapshot(List.of(model("m", List.of("h:1", bad)))))
                    .withMessageContaining("gateway.discovery.static.models[0].endpoints[1]")
                    .withMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void refusesModelWithoutAnyEndpoint() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> StaticModels.snapshot(List.of(new StaticModel("m", null, List.of(), null, null))))
                .withMessageContaining("gateway.discovery.static.models[0] ('m') has no endpoints");
    }

    @Test
    void noModelsIsAnEmptySnapshot() {
        assertThat(StaticModels.snapshot(List.of())).isEqualTo(EndpointSnapshot.EMPTY);
    }

    @Test
    void refusesTheSameAddressTwiceForOneModel() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> StaticModels.snapshot(List.of(
                        new StaticModel("m", List.of("h:8000"), List.of("http://h:8000"), null, null))))
                .withMessageContaining("gateway.discovery.static.models[0].prefill[0]: address 'http://h:8000' is"
                        + " listed twice");
    }

    @Test
    void refusesMetricsPortOutOfRange() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> StaticModels.snapshot(List.of(new StaticModel("m", List.of("h:1"), null, null, 0))))
                .withMessageContaining("gateway.discovery.static.models[0].metrics-port 0");
    }

    private static StaticModel model(String name, List<String> endpoints) {
        return new StaticModel(name, endpoints, null, null, null);
    }
}

package io.aibrix.gateway.discovery;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aibrix.gateway.discovery.RegistryDocument.Engine;
import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.endpoint.EndpointSnapshot;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Tests for {@link RegistryDocument}. */
class RegistryDocumentTests {

    @Test
    void listsEachEngineUnderEveryModelItServes() throws Exception {
        String json = """
                {"version": "7", "endpoints": [
                  {"name": "llama-0", "host": "10.0.0.5", "port": 8000, "metricsPort": 8001, "role": null,
                   "ready": true, "models": ["meta-llama/Llama-3.1-8B-Instruct", "sql-lora"], "futureField": 1},
                  {"name": "llama-1", "host": "10.0.0.6", "port": 8000, "ready": false,
                   "models": ["meta-llama/Llama-3.1-8B-Instruct"]}
                ]}""";
        RegistryDocument document = new ObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .readValue(json, RegistryDocument.class);

        EndpointSnapshot snapshot = document.toSnapshot();

        Endpoint first = new Endpoint("llama-0", "10.0.0.5", 8000, 8001, null, true);
        Endpoint second = new Endpoint("llama-1", "10.0.0.6", 8000, 8000, null, false);
        assertThat(document.version()).isEqualTo("7");
        assertThat(snapshot.endpoints("meta-llama/Llama-3.1-8B-Instruct")).containsExactly(first, second);
        assertThat(snapshot.endpoints("sql-lora")).containsExactly(first);
        assertThat(snapshot.readyEndpoints("meta-llama/Llama-3.1-8B-Instruct")).containsExactly(first);
    }

    @Test
    void keepsRolesAndLeavesEnginesWithoutModelsOut() {
        EndpointSnapshot snapshot = document(
                engine("p", "10.0.0.1", "prefill", List.of("pd")),
                engine("d", "10.0.0.2", "decode", List.of("pd")),
                engine("idle", "10.0.0.3", null, List.of())).toSnapshot();

        assertThat(snapshot.models()).containsExactly("pd");
        assertThat(snapshot.endpoints("pd")).extracting(Endpoint::role).containsExactly("prefill", "decode");
    }

    @Test
    void anEmptyRegistryIsAnEmptySnapshot() {
        assertThat(new RegistryDocument("0", List.of()).toSnapshot()).isEqualTo(EndpointSnapshot.EMPTY);
    }

    @Test
    void refusesDocumentsThatBreakTheContract() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RegistryDocument("1", null).toSnapshot())
                .withMessageContaining("no 'endpoints'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> document(new Engine("e", "h", 8000, null, null, null, List.of("m"))).toSnapshot())
                .withMessageContaining("endpoints[0] ('e')").withMessageContaining("required");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> document(engine("e", "h", "both", List.of("m"))).toSnapshot())
                .withMessageContaining("role 'both'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> document(new Engine("e", "h", 0, null, null, true, List.of("m"))).toSnapshot())
                .withMessageContaining("endpoints[0] ('e'): Endpoint port must be in 1..65535, got 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> document(engine("e", "h1", null, List.of("m")), engine("e", "h2", null, List.of("m")))
                        .toSnapshot())
                .withMessageContaining("endpoints[1]: name 'e' is listed twice");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> document(engine("e", "h", null, Arrays.asList("m", null))).toSnapshot())
                .withMessageContaining("blank model name");
    }

    private static RegistryDocument document(Engine... engines) {
        return new RegistryDocument("1", List.of(engines));
    }

    private static Engine engine(String name, String host, String role, List<String> models) {
        return new Engine(name, host, 8000, null, role, true, models);
    }
}

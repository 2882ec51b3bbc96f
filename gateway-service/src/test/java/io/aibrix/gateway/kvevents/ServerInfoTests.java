package io.aibrix.gateway.kvevents;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Tests for {@link ServerInfo}. */
class ServerInfoTests {

    @Test
    void readsWhatTheFeedNeeds() {
        ServerInfo info = parse("{\"engine_id\":\"3f1c\",\"role\":\"both\",\"kv_role\":\"kv_both\","
                + "\"kv_connector\":\"NixlConnector\",\"model\":\"llama3-8b\",\"block_size\":16,\"num_gpu_blocks\":4000,"
                + "\"enable_prefix_caching\":true,\"kv_events\":{\"enabled\":true,\"path\":\"/v1/kv-events\","
                + "\"buffer_size\":10000}}");

        assertThat(info).isEqualTo(new ServerInfo("3f1c", "llama3-8b", 16, true, "/v1/kv-events"));
    }

    @Test
    void treatsAMissingFeedSectionAsDisabled() {
        assertThat(parse("{\"engine_id\":\"e\",\"model\":\"m\",\"block_size\":32}").kvEventsEnabled()).isFalse();
        assertThat(parse("{\"engine_id\":\"e\",\"model\":\"m\",\"block_size\":32,\"kv_events\":{\"enabled\":false}}")
                .kvEventsEnabled()).isFalse();
    }

    @Test
    void rejectsAnswersThatAreNoServerInfo() {
        assertThatIllegalArgumentException().isThrownBy(() -> parse("{}"));
        assertThatIllegalArgumentException().isThrownBy(() -> parse("{\"engine_id\":\"e\",\"model\":\"m\"}"));
        assertThatIllegalArgumentException().isThrownBy(() -> parse("not json"));
        assertThatIllegalArgumentException().isThrownBy(() -> parse("[]"));
    }

    private static ServerInfo parse(String json) {
        return ServerInfo.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}

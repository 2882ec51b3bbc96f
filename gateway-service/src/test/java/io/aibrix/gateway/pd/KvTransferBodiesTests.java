package io.aibrix.gateway.pd;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Tests for {@link KvTransferBodies} and the {@link TopLevelFields} edits it makes. */
class KvTransferBodiesTests {

    private static final String REMOTE_DECODE = "{\"do_remote_decode\":true,\"do_remote_prefill\":false,"
            + "\"remote_engine_id\":null,\"remote_block_ids\":null,\"remote_host\":null,\"remote_port\":null}";

    @Test
    void prefillAsksForOneTokenWithoutStreamingAndARemoteDecode() {
        String client = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true},\"max_tokens\":200,\"min_tokens\":5,\"temperature\":0.7}";

        assertThat(prefill(client)).isEqualTo("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"stream\":false,\"max_tokens\":1,\"temperature\":0.7,\"kv_transfer_params\":" + REMOTE_DECODE + "}");
    }

    @Test
    void prefillAddsTheFieldsTheClientLeftOut() {
        assertThat(prefill("{\"model\":\"m\",\"prompt\":\"hi\"}")).isEqualTo("{\"model\":\"m\",\"prompt\":\"hi\","
                + "\"max_tokens\":1,\"stream\":false,\"kv_transfer_params\":" + REMOTE_DECODE + "}");
    }

    @Test
    void prefillLimitsMaxCompletionTokensOnlyWhenTheClientSetIt() {
        assertThat(prefill("{\"max_completion_tokens\":9,\"model\":\"m\"}"))
            .startsWith("{\"max_completion_tokens\":1,\"model\":\"m\",\"max_tokens\":1,");
        assertThat(prefill("{\"model\":\"m\"}")).doesNotContain("max_completion_tokens");
    }

    @Test
    void decodeAddsTheTransferParamsAndKeepsEveryOtherByte() {
        String client = "{ \"model\" : \"m\",\n  \"prompt\":\"caf\\u00e9 \\\"x\\\"\", \"n\": 1.50e0 ,\"stream\":true }\n";
        String params = "{\"do_remote_prefill\":true,\"remote_block_ids\":[1,2],\"remote_port\":5600}";

        String decode = new String(KvTransferBodies.decode(bytes(client), bytes(params)), StandardCharsets.UTF_8);

        assertThat(decode).isEqualTo("{ \"model\" : \"m\",\n  \"prompt\":\"caf\\u00e9 \\\"x\\\"\", \"n\": 1.50e0 ,"
                + "\"stream\":true,\"kv_transfer_params\":" + params + " }\n");
    }

    @Test
    void decodeReplacesTransferParamsTheClientSentInPlace() {
        String client = "{\"kv_transfer_params\": {\"x\":1}, \"model\":\"m\", \"kv_transfer_params\":null}";

        String decode = new String(KvTransferBodies.decode(bytes(client), bytes("{\"y\":2}")), StandardCharsets.UTF_8);

        assertThat(decode).isEqualTo("{\"kv_transfer_params\": {\"y\":2}, \"model\":\"m\"}");
    }

    @Test
    void readsTheTransferParamsOfAPrefillResponseVerbatim() {
        String params = "{\"do_remote_prefill\": true, \"remote_engine_id\": \"e-1\", \"remote_block_ids\": [3, 4],"
                + " \"remote_host\": \"10.0.0.7\", \"remote_port\": 5600, \"tp_size\": 1}";
        String response = "{\"id\":\"cmpl-1\",\"choices\":[{\"text\":\"a\"}],\"usage\":{\"prompt_tokens\":9},"
                + "\"kv_transfer_params\": " + params + "\n}";

        assertThat(KvTransferBodies.transferParams(bytes(response))).asString(StandardCharsets.UTF_8)
            .isEqualTo(params);
    }

    @Test
    void findsNoTransferParamsInAResponseWithoutAnObjectOfThem() {
        assertThat(KvTransferBodies.transferParams(bytes("{\"id\":\"x\"}"))).isNull();
        assertThat(KvTransferBodies.transferParams(bytes("{\"kv_transfer_params\":null}"))).isNull();
        assertThat(KvTransferBodies.transferParams(bytes("not json"))).isNull();
        assertThat(KvTransferBodies.transferParams(new byte[0])).isNull();
    }

    @Test
    void refusesABodyThatIsNotOneJsonObject() {
        assertThatIllegalArgumentException().isThrownBy(() -> KvTransferBodies.prefill(bytes("[1]")));
        assertThatIllegalArgumentException().isThrownBy(() -> KvTransferBodies.prefill(bytes("{\"a\":1} {}")));
    }

    @Test
    void editsAnEmptyObject() {
        assertThat(new String(KvTransferBodies.decode(bytes(" { } "), bytes("{}")), StandardCharsets.UTF_8))
            .isEqualTo(" { \"kv_transfer_params\":{}} ");
    }

    private static String prefill(String client) {
        return new String(KvTransferBodies.prefill(bytes(client)), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

package io.aibrix.gateway.pd;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.lang.Nullable;

/**
 * The request bodies of a disaggregated request, in vLLM's NixlConnector protocol (what vLLM's disaggregated proxy and
 * llm-d's sidecar send). Both are the client's body edited field by field ({@link TopLevelFields}): every field not
 * named here reaches the engines byte for byte as the client sent it.
 */
final class KvTransferBodies {

    static final String FIELD = "kv_transfer_params";

    /** Asks a prefill engine to run the prefill only and keep the KV blocks for a remote decode to pull. */
    private static final byte[] REMOTE_DECODE = ("{\"do_remote_decode\":true,\"do_remote_prefill\":false,"
            + "\"remote_engine_id\":null,\"remote_block_ids\":null,\"remote_host\":null,\"remote_port\":null}")
        .getBytes(StandardCharsets.US_ASCII);

    private static final byte[] ONE = {'1'};

    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

    /** Fields that would make the prefill stream, or generate more than its one token. */
    private static final Set<String> NOT_FOR_PREFILL = Set.of("stream_options", "min_tokens");

    private KvTransferBodies() {
    }

    /**
     * The prefill request: the client's body with {@code max_tokens} 1 ({@code max_completion_tokens} 1 too when the
     * client set it), {@code stream} false, no {@code stream_options} or {@code min_tokens}, and
     * {@value #FIELD} asking for a remote decode.
     *
     * @throws IllegalArgumentException when the body is not a JSON object
     */
    static byte[] prefill(byte[] clientBody) {
        TopLevelFields fields = TopLevelFields.parse(clientBody);
        Map<String, byte[]> set = new LinkedHashMap<>();
        set.put("max_tokens", ONE);
        if (fields.field("max_completion_tokens") != null) {
            set.put("max_completion_tokens", ONE);
        }
        set.put("stream", FALSE);
        set.put(FIELD, REMOTE_DECODE);
        return fields.rewrite(NOT_FOR_PREFILL, set);
    }

    /**
     * The decode request: the client's body with {@value #FIELD} set to what the prefill engine answered, verbatim
     * (vLLM's proxy and llm-d's sidecar pass it on unchanged; the engine names its own side-channel host).
     *
     * @param params the raw JSON object the prefill engine returned
     */
    static byte[] decode(byte[] clientBody, byte[] params) {
        return TopLevelFields.parse(clientBody).rewrite(Set.of(), Map.of(FIELD, params));
    }

    /**
     * The {@value #FIELD} object of a prefill engine's response body, raw; null when the body is not a JSON object or
     * has no such object (the engine does not disaggregate).
     */
    static @Nullable byte[] transferParams(byte[] responseBody) {
        TopLevelFields fields;
        try {
            fields = TopLevelFields.parse(responseBody);
        }
        catch (IllegalArgumentException notJson) {
            return null;
        }
        TopLevelFields.Field field = fields.field(FIELD);
        return field != null && fields.isObject(field) ? fields.value(field) : null;
    }
}

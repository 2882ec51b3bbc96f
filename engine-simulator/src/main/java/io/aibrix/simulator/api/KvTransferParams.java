package io.aibrix.simulator.api;

import java.net.InetSocketAddress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aibrix.simulator.engine.EngineIdentity;
import io.aibrix.simulator.engine.FinishedRequest;
import io.aibrix.simulator.engine.KvTransfer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * vLLM's {@code kv_transfer_params} with a NixlConnector, in both directions. Only the envelope is validated (a
 * non-object is a 400, as vLLM's request model rejects it); inside it vLLM reads the fields loosely, so params this
 * engine's role cannot honour, or a remote prefill without its block ids and peer address, are ignored with a log
 * line and the request runs in full here.
 */
final class KvTransferParams {

    private static final Logger log = LoggerFactory.getLogger(KvTransferParams.class);
    static final String FIELD = "kv_transfer_params";

    private final JsonBodies json;
    private final EngineIdentity identity;

    KvTransferParams(JsonBodies json, EngineIdentity identity) {
        this.json = json;
        this.identity = identity;
    }

    KvTransfer read(JsonNode request) {
        JsonNode params = request.get(FIELD);
        if (params == null || params.isNull()) {
            return KvTransfer.NONE;
        }
        if (!params.isObject()) {
            throw VllmException.badRequest("'" + FIELD + "' must be an object but was " + params);
        }
        boolean produce = params.path("do_remote_decode").asBoolean(false);
        boolean consume = params.path("do_remote_prefill").asBoolean(false);
        if (produce && !identity.role().canProduce()) {
            log.debug("Ignoring do_remote_decode on a {} engine", identity.role().wireName());
            produce = false;
        }
        int remoteBlocks = 0;
        if (consume && !identity.role().canConsume()) {
            log.debug("Ignoring do_remote_prefill on a {} engine", identity.role().wireName());
        } else if (consume) {
            remoteBlocks = remoteBlocks(params);
        }
        return new KvTransfer(produce, remoteBlocks);
    }

    /** Blocks a remote prefill offers, 0 (prefill here) when the params lack what a real transfer needs. */
    private static int remoteBlocks(JsonNode params) {
        JsonNode ids = params.get("remote_block_ids");
        boolean complete = ids != null && ids.isArray() && !ids.isEmpty()
                && params.hasNonNull("remote_engine_id") && params.hasNonNull("remote_host")
                && params.hasNonNull("remote_port");
        if (complete) {
            for (JsonNode id : ids) {
                complete &= id.isIntegralNumber();
            }
        }
        if (!complete) {
            log.warn("Got invalid KVTransferParams: {}. This request will not utilize KVTransfer", params);
            return 0;
        }
        return ids.size();
    }

    /**
     * The response's {@code kv_transfer_params}: for a prefill handed to a remote decode, what the decode engine
     * needs; null otherwise.
     */
    JsonNode response(FinishedRequest finished, InetSocketAddress local) {
        int[] blockIds = finished == null ? null : finished.kvTransferBlockIds();
        if (blockIds == null) {
            return null;
        }
        ObjectNode params = json.object().put("do_remote_prefill", true).put("do_remote_decode", false);
        ArrayNode ids = params.putArray("remote_block_ids");
        for (int id : blockIds) {
            ids.add(id);
        }
        params.put("remote_engine_id", identity.engineId());
        params.put("remote_host", local == null ? "localhost" : local.getHostString());
        params.put("remote_port", local == null ? 0 : local.getPort());
        params.put("tp_size", 1);
        return params;
    }
}

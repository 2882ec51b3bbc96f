package io.aibrix.simulator.engine;

/**
 * Who this engine is to its peers.
 *
 * @param engineId random per engine process, so a KV-event consumer notices a restart; also the
 *        {@code remote_engine_id} a prefill engine hands to a decode engine
 * @param role its part in prefill/decode disaggregation
 */
public record EngineIdentity(String engineId, EngineRole role) {
}

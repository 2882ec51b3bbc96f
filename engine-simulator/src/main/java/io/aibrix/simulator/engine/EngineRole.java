package io.aibrix.simulator.engine;

import java.util.Locale;

/**
 * What an engine does in prefill/decode disaggregation, as vLLM's {@code kv_role} with a NixlConnector: a
 * {@code prefill} engine produces KV for a remote decode, a {@code decode} engine consumes KV from a remote prefill,
 * {@code both} does either. Every role also serves plain requests in full.
 */
public enum EngineRole {

    BOTH("kv_both"),
    PREFILL("kv_producer"),
    DECODE("kv_consumer");

    private final String kvRole;

    EngineRole(String kvRole) {
        this.kvRole = kvRole;
    }

    /** vLLM's {@code kv_transfer_config.kv_role}. */
    public String kvRole() {
        return kvRole;
    }

    /** The lower-case name used in configuration and on the wire. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Honours {@code do_remote_decode}: runs the prefill and hands its blocks to a decode engine. */
    public boolean canProduce() {
        return this != DECODE;
    }

    /** Honours {@code do_remote_prefill}: receives a prompt's KV instead of computing it. */
    public boolean canConsume() {
        return this != PREFILL;
    }
}

package io.aibrix.lora.discovery;

import java.util.List;

import io.aibrix.lora.engine.EngineTarget;

/** Lists the engines adapters may be placed on. */
public interface EngineSource {

    /** The {@code lora.discovery.source} value that selects it. */
    String name();

    /**
     * Every engine currently known, ready or not.
     *
     * @throws RuntimeException when the source cannot be read; the loop skips that round and records why
     */
    List<EngineTarget> engines();
}

package io.aibrix.lora.engine;

import java.net.URI;
import java.util.Map;

/**
 * An engine as an engine source lists it, before it is asked what it serves.
 *
 * @param name    the pod or registered endpoint name
 * @param baseUri {@code http://host:port} of its OpenAI API
 * @param labels  pod labels, or the labels a registered endpoint registered with
 * @param ready   whether the source considers it ready for traffic
 */
public record EngineTarget(String name, URI baseUri, Map<String, String> labels, boolean ready) {

    public EngineTarget {
        labels = Map.copyOf(labels);
    }
}

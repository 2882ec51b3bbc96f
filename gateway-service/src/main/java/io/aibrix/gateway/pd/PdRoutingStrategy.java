package io.aibrix.gateway.pd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.aibrix.gateway.routing.Candidate;
import io.aibrix.gateway.routing.Decision;
import io.aibrix.gateway.routing.RoutingRequest;
import io.aibrix.gateway.routing.RoutingStrategy;

/**
 * {@code pd}: prefill/decode disaggregation. {@link PdPrefillFilter} runs the prefill before routing; this strategy
 * then picks the engine the proxy forwards to, with {@link DecodeSelector}, among
 * <ul>
 * <li>the decode engines, when there are any and a prefill engine or no combined engine is among the candidates (a
 * disaggregated request, or a fallback after a failed prefill);</li>
 * <li>otherwise the engines without a role (no prefill/decode pair: combined engines serve whole requests);</li>
 * <li>otherwise whatever is left: only on a retry after every decode engine failed, when a prefill engine (vLLM's
 * NixlConnector engines are symmetric) is the last one that may still answer.</li>
 * </ul>
 * Exclusive: it scores nothing, so it cannot be weighted in a combination (the registry answers 400 naming it). With
 * {@code x-aibrix-routing-debug: true} the response carries the decode engines' scores in
 * {@value #DEBUG_SCORES_HEADER}.
 */
final class PdRoutingStrategy implements RoutingStrategy {

    static final String NAME = "pd";

    static final String DEBUG_SCORES_HEADER = "x-aibrix-pd-decode-scores";

    private final DecodeSelector selector;

    PdRoutingStrategy(DecodeSelector selector) {
        this.selector = selector;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decision route(RoutingRequest request, List<Candidate> candidates) {
        List<Candidate> pool = pool(candidates);
        DecodeSelector.Choice choice = selector.choose(pool);
        Candidate chosen = pool.get(choice.index());
        if (!PdDebug.requested(request)) {
            return Decision.of(chosen.endpoint());
        }
        return new Decision(chosen.endpoint(),
                Map.of(DEBUG_SCORES_HEADER, PdDebug.scores(pool, choice.scores(), choice.index(), choice.fastPath())));
    }

    /** The candidates this request may go to, in their given order. */
    static List<Candidate> pool(List<Candidate> candidates) {
        List<Candidate> decode = new ArrayList<>(candidates.size());
        List<Candidate> combined = new ArrayList<>(candidates.size());
        boolean prefill = false;
        for (Candidate candidate : candidates) {
            switch (EngineRole.of(candidate)) {
                case DECODE -> decode.add(candidate);
                case COMBINED -> combined.add(candidate);
                case PREFILL -> prefill = true;
            }
        }
        if (!decode.isEmpty() && (prefill || combined.isEmpty())) {
            return decode;
        }
        return combined.isEmpty() ? candidates : combined;
    }

    @Override
    public String toString() {
        return "PdRoutingStrategy[" + NAME + "]";
    }
}

package io.aibrix.gateway.pd;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.routing.Candidate;
import io.aibrix.gateway.routing.RoutingRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides how a {@code pd} request is served, from the model's ready engines and whether their circuit breakers let
 * calls through ("usable"):
 * <ol>
 * <li>a usable prefill and a usable decode engine: disaggregate, with the prefill engine {@link PrefillSelector}
 * picks (the decode engine is picked later, by the router, with {@link PdRoutingStrategy});</li>
 * <li>otherwise a usable engine without a role: it runs the whole request (combined engines are a fallback only);</li>
 * <li>otherwise, when prefill engines are ready but none usable, and a decode engine is usable: that decode engine runs
 * the whole request, prefilling locally (a prefill-side outage degrades, it does not fail);</li>
 * <li>otherwise 503, naming the missing role.</li>
 * </ol>
 * Every prefill engine can hand over to every decode engine of the model (one role set per model), so the best pair is
 * the best prefill engine plus the best decode engine. Ties are broken by a shuffle of the injected random source.
 */
final class PdPlanner {

    /** The outcome of planning. */
    sealed interface Plan {
    }

    /**
     * Prefill on {@code prefills.get(choice.index())} first.
     *
     * @param prefills the usable prefill engines, in the order {@code choice} refers to
     */
    record Disaggregate(List<Candidate> prefills, PrefillSelector.Choice choice) implements Plan {

        Candidate prefill() {
            return prefills.get(choice.index());
        }
    }

    /** One engine serves the whole request, chosen by the router. */
    record Undivided(PdMode mode) implements Plan {
    }

    /** No engine can serve the request; {@code message} names the missing role. */
    record Unavailable(String message) implements Plan {
    }

    private static final Logger log = LoggerFactory.getLogger(PdPlanner.class);

    private final PrefillSelector prefillSelector;

    private final PrefixAffinity affinity;

    private final RandomGenerator random;

    PdPlanner(PrefillSelector prefillSelector, PrefixAffinity affinity, RandomGenerator random) {
        this.prefillSelector = prefillSelector;
        this.affinity = affinity;
        this.random = random;
    }

    /**
     * @param ready  the model's ready engines
     * @param usable whether an engine's circuit breaker lets calls through
     */
    Plan plan(RoutingRequest request, List<Candidate> ready, Predicate<Endpoint> usable) {
        Map<EngineRole, List<Candidate>> usableByRole = new EnumMap<>(EngineRole.class);
        Map<EngineRole, Integer> readyByRole = new EnumMap<>(EngineRole.class);
        for (EngineRole role : EngineRole.values()) {
            usableByRole.put(role, new ArrayList<>());
            readyByRole.put(role, 0);
        }
        for (Candidate candidate : ready) {
            EngineRole role = EngineRole.of(candidate);
            readyByRole.merge(role, 1, Integer::sum);
            if (usable.test(candidate.endpoint())) {
                usableByRole.get(role).add(candidate);
            }
        }
        List<Candidate> prefills = usableByRole.get(EngineRole.PREFILL);
        boolean decodeUsable = !usableByRole.get(EngineRole.DECODE).isEmpty();
        if (!prefills.isEmpty() && decodeUsable) {
            Collections.shuffle(prefills, random);
            return new Disaggregate(List.copyOf(prefills),
                    prefillSelector.choose(prefills, cachedShares(request, prefills)));
        }
        if (!usableByRole.get(EngineRole.COMBINED).isEmpty()) {
            return new Undivided(PdMode.COMBINED);
        }
        if (decodeUsable && readyByRole.get(EngineRole.PREFILL) > 0) {
            return new Undivided(PdMode.FALLBACK);
        }
        String missing = decodeUsable ? "prefill" : prefills.isEmpty() ? "prefill or decode" : "decode";
        return new Unavailable("No usable " + missing + " engine serves model '" + request.model()
                + "' for pd routing, which needs a prefill and a decode engine (ready: "
                + count(EngineRole.PREFILL, readyByRole, usableByRole) + ", "
                + count(EngineRole.DECODE, readyByRole, usableByRole) + ", "
                + count(EngineRole.COMBINED, readyByRole, usableByRole) + ")");
    }

    /** What the prefix index says; a failing or malformed answer counts as nothing cached, never fails routing. */
    private double[] cachedShares(RoutingRequest request, List<Candidate> prefills) {
        try {
            double[] shares = affinity.cachedShares(request, prefills);
            if (shares.length == prefills.size()) {
                return shares;
            }
            log.warn("Prefix affinity {} answered {} shares for {} engines", affinity, shares.length,
                    prefills.size());
        }
        catch (RuntimeException ex) {
            log.warn("Prefix affinity {} failed for request {}", affinity, request.requestId(), ex);
        }
        return new double[prefills.size()];
    }

    private static String count(EngineRole role, Map<EngineRole, Integer> ready,
            Map<EngineRole, List<Candidate>> usable) {
        int readyCount = ready.get(role);
        int failing = readyCount - usable.get(role).size();
        return readyCount + " " + role.name().toLowerCase(Locale.ROOT)
                + (failing > 0 ? " (" + failing + " failing)" : "");
    }
}

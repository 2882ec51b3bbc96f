package io.aibrix.lora.reconcile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The reconcile step: from the observed engines and the desired adapters to the actions that close the gap. It
 * has no side effects beyond the placement policies' random source.
 *
 * <p>Per adapter: the candidates are ready, reachable engines serving its base model whose labels contain its pod
 * selector. Engines that already have it (from the same path) keep it, in name order, up to the wanted replicas
 * (all candidates, or {@code replicas}); the rest are unloaded. Missing replicas go first to engines whose load is
 * being retried, then to engines the adapter's policy picks; an engine whose tries are exhausted is skipped. A load
 * still backing off is placed but not attempted. Adapters this manager owns that are no longer desired are unloaded
 * from every reachable engine. Actions come in the order unloads, loads, status updates, so an engine frees an
 * adapter loaded from a stale path before it is loaded again.
 *
 * <p>The status says: Pending when no engine is a candidate; Loading while a chosen engine does not have it yet;
 * Running when it is loaded everywhere it can be; Failed when no engine has it and every candidate gave up.
 */
public final class Reconciler {

    private final Map<String, PlacementPolicy> policies;

    public Reconciler(List<PlacementPolicy> policies) {
        this.policies = policies.stream().collect(Collectors.toUnmodifiableMap(PlacementPolicy::name,
                Function.identity(), (a, b) -> {
                    throw new IllegalStateException("Duplicate placement policy '" + a.name() + "'");
                }));
    }

    public List<Action> plan(Observation observed, List<DesiredAdapter> desired) {
        List<EngineState> engines = observed.engines().stream().sorted(Comparator.comparing(EngineState::name))
                .toList();
        Map<String, Integer> counts = new HashMap<>();
        engines.stream().filter(EngineState::reachable).forEach(e -> counts.put(e.name(), e.adapters().size()));
        Plan plan = new Plan(counts);
        desired.stream().sorted(Comparator.comparing(DesiredAdapter::name))
                .forEach(adapter -> planAdapter(adapter, engines, observed, plan));
        Set<String> wanted = desired.stream().map(DesiredAdapter::name).collect(Collectors.toSet());
        for (EngineState engine : engines) {
            if (!engine.reachable()) {
                continue;
            }
            engine.adapters().keySet().stream().sorted()
                    .filter(name -> !wanted.contains(name) && observed.owned().contains(name))
                    .forEach(name -> plan.unload(name, engine, "adapter deleted"));
        }
        return plan.actions();
    }

    private void planAdapter(DesiredAdapter adapter, List<EngineState> engines, Observation observed, Plan plan) {
        String name = adapter.name();
        String path = adapter.loraPath();
        List<EngineState> candidates = engines.stream().filter(e -> e.serves(adapter)).toList();
        Set<String> candidateNames = candidates.stream().map(EngineState::name).collect(Collectors.toSet());
        for (EngineState engine : engines) {
            String loadedFrom = engine.adapters().get(name);
            if (loadedFrom == null) {
                continue;
            }
            if (!loadedFrom.equals(path)) {
                plan.unload(name, engine, "loaded from " + loadedFrom + " but wanted from " + path);
            }
            else if (engine.ready() && !candidateNames.contains(engine.name())) {
                plan.unload(name, engine, "engine no longer matches base model " + adapter.baseModel()
                        + " and pod selector " + adapter.podSelector());
            }
        }
        PlacementPolicy policy = policies.get(adapter.schedulingPolicy());
        if (policy == null) {
            plan.status(adapter, new AdapterStatus(Phase.FAILED, List.of(), List.of(
                    Condition.of(Condition.SCHEDULED, false, "UnknownSchedulingPolicy", adapter.schedulingPolicy())),
                    "unknown scheduling policy '" + adapter.schedulingPolicy() + "'; known: "
                            + policies.keySet().stream().sorted().toList(), adapter.generation()));
            return;
        }
        if (candidates.isEmpty()) {
            String why = "no ready engine serves base model " + adapter.baseModel()
                    + (adapter.podSelector().isEmpty() ? "" : " with labels " + adapter.podSelector());
            plan.status(adapter, new AdapterStatus(Phase.PENDING, List.of(), List.of(
                    Condition.of(Condition.SCHEDULED, false, "NoCandidates", why),
                    Condition.of(Condition.READY, false, "NoCandidates", why)), null, adapter.generation()));
            return;
        }
        int want = adapter.replicas() == null ? candidates.size() : Math.min(adapter.replicas(), candidates.size());
        List<EngineState> loaded = candidates.stream().filter(e -> path.equals(e.adapters().get(name))).toList();
        List<EngineState> keep = loaded.subList(0, Math.min(want, loaded.size()));
        loaded.subList(keep.size(), loaded.size()).forEach(e -> plan.unload(name, e, "more replicas than wanted"));

        List<EngineState> retrying = new ArrayList<>();
        List<EngineState> fresh = new ArrayList<>();
        for (EngineState engine : candidates) {
            if (loaded.contains(engine)) {
                continue;
            }
            Attempt attempt = attempt(observed, adapter, engine);
            if (attempt == null) {
                fresh.add(engine);
            }
            else if (!attempt.exhausted()) {
                retrying.add(engine);
            }
        }
        int needed = want - keep.size();
        List<EngineState> chosen = new ArrayList<>(retrying.subList(0, Math.min(needed, retrying.size())));
        chosen.addAll(policy.choose(fresh, needed - chosen.size(), plan.counts));
        for (EngineState engine : chosen) {
            plan.counts.merge(engine.name(), 1, Integer::sum);
            Attempt attempt = attempt(observed, adapter, engine);
            if (attempt == null || !observed.now().isBefore(attempt.notBefore())) {
                plan.load(adapter, engine, path);
            }
        }
        plan.status(adapter, status(adapter, observed, want, keep, chosen));
    }

    private static AdapterStatus status(DesiredAdapter adapter, Observation observed, int want,
            List<EngineState> keep, List<EngineState> chosen) {
        String lastError = lastError(adapter, observed);
        List<String> instances = keep.stream().map(EngineState::name).toList();
        Set<String> targets = new LinkedHashSet<>(instances);
        chosen.forEach(e -> targets.add(e.name()));
        List<Condition> conditions = new ArrayList<>();
        conditions.add(Condition.of(Condition.SCHEDULED, !targets.isEmpty(),
                targets.isEmpty() ? "NoCandidates" : "CandidatesSelected",
                targets.isEmpty() ? "every candidate engine gave up" : String.join(", ", targets)));
        Phase phase;
        if (!chosen.isEmpty()) {
            phase = Phase.LOADING;
            conditions.add(lastError == null
                    ? Condition.of(Condition.READY, false, "ModelAdapterLoading", "loading on "
                            + chosen.stream().map(EngineState::name).collect(Collectors.joining(", ")))
                    : Condition.of(Condition.READY, false, "ModelAdapterLoadingError", lastError));
        }
        else if (!keep.isEmpty()) {
            phase = Phase.RUNNING;
            conditions.add(Condition.of(Condition.READY, true, "ModelAdapterAvailable",
                    "loaded on " + keep.size() + " of " + want + " engines"));
        }
        else {
            phase = Phase.FAILED;
            conditions.add(Condition.of(Condition.READY, false, "ModelAdapterLoadingError", lastError));
        }
        return new AdapterStatus(phase, instances, conditions, lastError, adapter.generation());
    }

    /** The most recent failure of the adapter's current generation, on any engine, or {@code null}. */
    private static String lastError(DesiredAdapter adapter, Observation observed) {
        return observed.attempts().entrySet().stream()
                .filter(e -> e.getKey().adapter().equals(adapter.name())
                        && e.getValue().generation() == adapter.generation())
                .max(Comparator.comparing((Map.Entry<Attempt.Key, Attempt> e) -> e.getValue().lastFailureAt())
                        .thenComparing(e -> e.getKey().engine()))
                .map(e -> e.getKey().engine() + ": " + e.getValue().lastError() + " ("
                        + (e.getValue().exhausted() ? "gave up after " + e.getValue().failures() + " tries"
                                : "try " + e.getValue().failures() + " of " + observed.maxTries()) + ")")
                .orElse(null);
    }

    private static Attempt attempt(Observation observed, DesiredAdapter adapter, EngineState engine) {
        Attempt attempt = observed.attempts().get(new Attempt.Key(adapter.name(), engine.name()));
        return attempt == null || attempt.generation() != adapter.generation() ? null : attempt;
    }

    /** The actions collected so far, and adapter counts per engine as this plan's loads and unloads change them. */
    private static final class Plan {

        final Map<String, Integer> counts;

        private final List<Action> unloads = new ArrayList<>();

        private final List<Action> loads = new ArrayList<>();

        private final List<Action> statuses = new ArrayList<>();

        Plan(Map<String, Integer> counts) {
            this.counts = counts;
        }

        void unload(String adapter, EngineState engine, String reason) {
            unloads.add(new Action.Unload(adapter, engine.name(), engine.baseUri(), reason));
            counts.merge(engine.name(), -1, Integer::sum);
        }

        void load(DesiredAdapter adapter, EngineState engine, String path) {
            loads.add(new Action.Load(adapter.name(), adapter.generation(), engine.name(), engine.baseUri(), path));
        }

        void status(DesiredAdapter adapter, AdapterStatus next) {
            if (!next.sameAs(adapter.status())) {
                statuses.add(new Action.UpdateStatus(adapter.name(), adapter.status(), next));
            }
        }

        List<Action> actions() {
            List<Action> all = new ArrayList<>(unloads);
            all.addAll(loads);
            all.addAll(statuses);
            return List.copyOf(all);
        }
    }
}

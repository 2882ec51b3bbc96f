package io.aibrix.lora.reconcile;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link Reconciler}. */
class ReconcilerTests {

    private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

    private static final String BASE = "llama3-8b";

    private final Reconciler reconciler = new Reconciler(List.of(new LeastAdaptersPolicy(), new BinPackPolicy(),
            new RandomPolicy(new SplittableRandom(42))));

    private final List<EngineState> engines = new ArrayList<>();

    private final Map<Attempt.Key, Attempt> attempts = new HashMap<>();

    private final List<String> owned = new ArrayList<>();

    @Test
    void loadsOnEveryCandidateWhenReplicasIsUnset() {
        engine("e0");
        engine("e1");
        engine("e2");

        List<Action> actions = plan(adapter("sql").build());

        assertThat(loads(actions)).containsExactly("sql@e0", "sql@e1", "sql@e2");
        assertThat(status(actions, "sql").phase()).isEqualTo(Phase.LOADING);
        assertThat(status(actions, "sql").instances()).isEmpty();
    }

    @Test
    void loadsOnlyOnEnginesOfTheBaseModelMatchingTheSelector() {
        engine("e0", Map.of("adapter.model.aibrix.ai/enabled", "true"));
        engine("e1");
        engines.add(new EngineState("other", uri("other"), Map.of("adapter.model.aibrix.ai/enabled", "true"), true,
                true, "mistral-7b", Map.of()));

        List<Action> actions = plan(adapter("sql").selector(Map.of("adapter.model.aibrix.ai/enabled", "true"))
                .build());

        assertThat(loads(actions)).containsExactly("sql@e0");
    }

    @Test
    void skipsEnginesThatAreNotReadyOrNotReachable() {
        engine("e0");
        engines.add(new EngineState("e1", uri("e1"), Map.of(), false, true, BASE, Map.of()));
        engines.add(EngineState.unreachable("e2", uri("e2"), Map.of(), true));

        assertThat(loads(plan(adapter("sql").build()))).containsExactly("sql@e0");
    }

    @Test
    void isPendingWithoutCandidates() {
        engines.add(new EngineState("e0", uri("e0"), Map.of(), true, true, "mistral-7b", Map.of()));

        List<Action> actions = plan(adapter("sql").selector(Map.of("tier", "gold")).build());

        assertThat(loads(actions)).isEmpty();
        AdapterStatus status = status(actions, "sql");
        assertThat(status.phase()).isEqualTo(Phase.PENDING);
        assertThat(condition(status, Condition.SCHEDULED).reason()).isEqualTo("NoCandidates");
        assertThat(condition(status, Condition.SCHEDULED).message()).contains(BASE).contains("tier=gold");
    }

    @Test
    void isRunningWhenLoadedEverywhereWanted() {
        engine("e0", Map.of(), Map.of("sql", "org/sql"));
        engine("e1", Map.of(), Map.of("sql", "org/sql"));

        List<Action> actions = plan(adapter("sql").build());

        assertThat(loads(actions)).isEmpty();
        assertThat(unloads(actions)).isEmpty();
        AdapterStatus status = status(actions, "sql");
        assertThat(status.phase()).isEqualTo(Phase.RUNNING);
        assertThat(status.instances()).containsExactly("e0", "e1");
        assertThat(condition(status, Condition.READY).status()).isEqualTo("True");
        assertThat(condition(status, Condition.READY).reason()).isEqualTo("ModelAdapterAvailable");
        assertThat(status.observedGeneration()).isEqualTo(1);
    }

    @Test
    void writesNothingWhenTheRecordedStatusIsCurrent() {
        engine("e0", Map.of(), Map.of("sql", "org/sql"));
        AdapterStatus running = status(plan(adapter("sql").build()), "sql");
        List<Condition> stamped = running.conditions().stream()
                .map(c -> new Condition(c.type(), c.status(), c.reason(), c.message(), NOW)).toList();
        AdapterStatus recorded = new AdapterStatus(running.phase(), running.instances(), stamped, null, 1);

        assertThat(plan(adapter("sql").status(recorded).build())).isEmpty();
    }

    @Test
    void loadsOnlyTheMissingReplicasAndKeepsExistingOnes() {
        engine("e0");
        engine("e1", Map.of(), Map.of("sql", "org/sql"));
        engine("e2");

        List<Action> actions = plan(adapter("sql").replicas(2).build());

        assertThat(loads(actions)).containsExactly("sql@e0");
        assertThat(unloads(actions)).isEmpty();
        assertThat(status(actions, "sql").instances()).containsExactly("e1");
    }

    @Test
    void unloadsReplicasBeyondTheWantedCount() {
        engine("e0", Map.of(), Map.of("sql", "org/sql"));
        engine("e1", Map.of(), Map.of("sql", "org/sql"));
        engine("e2", Map.of(), Map.of("sql", "org/sql"));

        List<Action> actions = plan(adapter("sql").replicas(1).build());

        assertThat(unloads(actions)).containsExactly("sql@e1", "sql@e2");
        assertThat(status(actions, "sql").phase()).isEqualTo(Phase.RUNNING);
        assertThat(status(actions, "sql").instances()).containsExactly("e0");
    }

    @Test
    void placesOnAllCandidatesWhenReplicasExceedThem() {
        engine("e0");
        engine("e1");

        List<Action> actions = plan(adapter("sql").replicas(5).build());

        assertThat(loads(actions)).containsExactly("sql@e0", "sql@e1");
    }

    @Test
    void leastAdaptersPicksTheEmptiestEngine() {
        engine("e0", Map.of(), Map.of("a", "/a", "b", "/b"));
        engine("e1", Map.of(), Map.of("c", "/c"));
        engine("e2", Map.of(), Map.of("d", "/d", "e", "/e", "f", "/f"));

        assertThat(loads(plan(adapter("sql").replicas(1).policy("least-adapters").build())))
                .containsExactly("sql@e1");
    }

    @Test
    void binPackPicksTheFullestEngine() {
        engine("e0", Map.of(), Map.of("a", "/a", "b", "/b"));
        engine("e1", Map.of(), Map.of("c", "/c"));
        engine("e2", Map.of(), Map.of("d", "/d", "e", "/e", "f", "/f"));

        assertThat(loads(plan(adapter("sql").replicas(1).policy("bin-pack").build()))).containsExactly("sql@e2");
    }

    @Test
    void policiesBreakTiesByEngineName() {
        engine("e1");
        engine("e0");

        assertThat(loads(plan(adapter("sql").replicas(1).policy("least-adapters").build())))
                .containsExactly("sql@e0");
        assertThat(loads(plan(adapter("sql").replicas(1).policy("bin-pack").build()))).containsExactly("sql@e0");
    }

    @Test
    void leastAdaptersSpreadsAdaptersPlacedInOnePlan() {
        engine("e0");
        engine("e1");
        engine("e2");

        List<Action> actions = plan(adapter("a").replicas(1).build(), adapter("b").replicas(1).build(),
                adapter("c").replicas(1).build(), adapter("d").replicas(1).build());

        assertThat(loads(actions)).containsExactly("a@e0", "b@e1", "c@e2", "d@e0");
    }

    @Test
    void binPackStacksAdaptersPlacedInOnePlan() {
        engine("e0");
        engine("e1");

        List<Action> actions = plan(adapter("a").replicas(1).policy("bin-pack").build(),
                adapter("b").replicas(1).policy("bin-pack").build());

        assertThat(loads(actions)).containsExactly("a@e0", "b@e0");
    }

    @Test
    void randomPlacementIsRepeatableForASeedAndCoversEveryEngine() {
        for (int i = 0; i < 8; i++) {
            engine("e" + i);
        }
        DesiredAdapter adapter = adapter("sql").replicas(1).policy("random").build();
        Set<String> picked = new TreeSet<>();
        List<String> first = new ArrayList<>();
        Reconciler seeded = new Reconciler(List.of(new RandomPolicy(new SplittableRandom(7))));
        for (int i = 0; i < 200; i++) {
            String load = loads(seeded.plan(observation(), List.of(adapter))).getFirst();
            picked.add(load);
            first.add(load);
        }
        Reconciler again = new Reconciler(List.of(new RandomPolicy(new SplittableRandom(7))));
        List<String> second = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            second.add(loads(again.plan(observation(), List.of(adapter))).getFirst());
        }

        assertThat(second).isEqualTo(first);
        assertThat(picked).hasSize(8);
    }

    @Test
    void unloadsADeletedAdapterItOwnsFromEveryEngine() {
        engine("e0", Map.of(), Map.of("old", "/old"));
        engine("e1", Map.of(), Map.of("old", "/old"));
        owned.add("old");

        List<Action> actions = plan();

        assertThat(unloads(actions)).containsExactly("old@e0", "old@e1");
        assertThat(actions).allSatisfy(a -> assertThat(a).isInstanceOf(Action.Unload.class));
    }

    @Test
    void neverUnloadsAnAdapterItDoesNotOwn() {
        engine("e0", Map.of(), Map.of("static-lora", "/static"));

        assertThat(plan()).isEmpty();
    }

    @Test
    void dropsAnEngineThatWentAwayFromInstancesAndPlacesTheReplicaElsewhere() {
        engine("e1", Map.of(), Map.of("sql", "org/sql"));
        engine("e2");
        AdapterStatus recorded = new AdapterStatus(Phase.RUNNING, List.of("e0", "e1"), List.of(), null, 1);

        List<Action> actions = plan(adapter("sql").replicas(2).status(recorded).build());

        assertThat(loads(actions)).containsExactly("sql@e2");
        assertThat(status(actions, "sql").instances()).containsExactly("e1");
        assertThat(status(actions, "sql").phase()).isEqualTo(Phase.LOADING);
    }

    @Test
    void reloadsOnAnEngineThatRestartedEmpty() {
        engine("e0", Map.of(), Map.of("sql", "org/sql"));
        engine("e1");
        AdapterStatus recorded = new AdapterStatus(Phase.RUNNING, List.of("e0", "e1"), List.of(), null, 1);

        List<Action> actions = plan(adapter("sql").status(recorded).build());

        assertThat(loads(actions)).containsExactly("sql@e1");
        assertThat(status(actions, "sql").phase()).isEqualTo(Phase.LOADING);
        assertThat(status(actions, "sql").instances()).containsExactly("e0");
    }

    @Test
    void reloadsAnAdapterLoadedFromAnotherPathUnloadingFirst() {
        engine("e0", Map.of(), Map.of("sql", "org/sql-v1"));

        List<Action> actions = plan(adapter("sql").artifact("hf://org/sql-v2").build());

        assertThat(actions.get(0)).isInstanceOf(Action.Unload.class);
        assertThat(actions.get(1)).isEqualTo(new Action.Load("sql", 1, "e0", uri("e0"), "org/sql-v2"));
    }

    @Test
    void unloadsFromAReadyEngineThatNoLongerMatchesTheSelector() {
        engine("e0", Map.of("tier", "gold"));
        engine("e1", Map.of("tier", "silver"), Map.of("sql", "org/sql"));

        List<Action> actions = plan(adapter("sql").selector(Map.of("tier", "gold")).build());

        assertThat(unloads(actions)).containsExactly("sql@e1");
        assertThat(loads(actions)).containsExactly("sql@e0");
    }

    @Test
    void leavesAnAdapterOnANotReadyEngineAloneButDoesNotCountIt() {
        engines.add(new EngineState("e0", uri("e0"), Map.of(), false, true, BASE, Map.of("sql", "org/sql")));
        engine("e1");

        List<Action> actions = plan(adapter("sql").build());

        assertThat(unloads(actions)).isEmpty();
        assertThat(loads(actions)).containsExactly("sql@e1");
    }

    @Test
    void waitsOutTheBackoffBeforeRetrying() {
        engine("e0");
        attempts.put(new Attempt.Key("sql", "e0"), new Attempt(1, 2, false, NOW.plusSeconds(10), "HTTP 503: busy",
                NOW.minusSeconds(1)));

        List<Action> actions = plan(adapter("sql").build());

        assertThat(loads(actions)).isEmpty();
        AdapterStatus status = status(actions, "sql");
        assertThat(status.phase()).isEqualTo(Phase.LOADING);
        assertThat(status.lastError()).isEqualTo("e0: HTTP 503: busy (try 2 of 5)");
        assertThat(condition(status, Condition.READY).reason()).isEqualTo("ModelAdapterLoadingError");
    }

    @Test
    void retriesOnceTheBackoffHasPassed() {
        engine("e0");
        attempts.put(new Attempt.Key("sql", "e0"), new Attempt(1, 2, false, NOW, "HTTP 503: busy", NOW));

        assertThat(loads(plan(adapter("sql").build()))).containsExactly("sql@e0");
    }

    @Test
    void prefersTheEngineBeingRetriedOverAFreshPick() {
        engine("e0");
        engine("e1", Map.of(), Map.of("x", "/x"));
        attempts.put(new Attempt.Key("sql", "e1"), new Attempt(1, 1, false, NOW, "timeout", NOW));

        assertThat(loads(plan(adapter("sql").replicas(1).build()))).containsExactly("sql@e1");
    }

    @Test
    void movesToAnotherEngineWhenOneGaveUp() {
        engine("e0");
        engine("e1");
        attempts.put(new Attempt.Key("sql", "e0"), new Attempt(1, 5, true, NOW, "timeout", NOW));

        List<Action> actions = plan(adapter("sql").replicas(1).build());

        assertThat(loads(actions)).containsExactly("sql@e1");
    }

    @Test
    void failsWhenEveryCandidateGaveUp() {
        engine("e0");
        engine("e1");
        attempts.put(new Attempt.Key("sql", "e0"), new Attempt(1, 5, true, NOW, "HTTP 404: no adapter",
                NOW.minusSeconds(5)));
        attempts.put(new Attempt.Key("sql", "e1"), new Attempt(1, 5, true, NOW, "HTTP 404: no adapter", NOW));

        List<Action> actions = plan(adapter("sql").build());

        assertThat(loads(actions)).isEmpty();
        AdapterStatus status = status(actions, "sql");
        assertThat(status.phase()).isEqualTo(Phase.FAILED);
        assertThat(status.lastError()).isEqualTo("e1: HTTP 404: no adapter (gave up after 5 tries)");
        assertThat(condition(status, Condition.READY).reason()).isEqualTo("ModelAdapterLoadingError");
    }

    @Test
    void isRunningOnTheEnginesThatLoadedItWhenOthersGaveUp() {
        engine("e0", Map.of(), Map.of("sql", "org/sql"));
        engine("e1");
        attempts.put(new Attempt.Key("sql", "e1"), new Attempt(1, 5, true, NOW, "timeout", NOW));

        AdapterStatus status = status(plan(adapter("sql").build()), "sql");

        assertThat(status.phase()).isEqualTo(Phase.RUNNING);
        assertThat(status.instances()).containsExactly("e0");
        assertThat(status.lastError()).startsWith("e1: timeout");
        assertThat(condition(status, Condition.READY).message()).isEqualTo("loaded on 1 of 2 engines");
    }

    @Test
    void aNewGenerationStartsItsTriesAfresh() {
        engine("e0");
        attempts.put(new Attempt.Key("sql", "e0"), new Attempt(1, 5, true, NOW, "HTTP 404: no adapter", NOW));

        List<Action> actions = plan(adapter("sql").generation(2).build());

        assertThat(loads(actions)).containsExactly("sql@e0");
        assertThat(status(actions, "sql").lastError()).isNull();
        assertThat(status(actions, "sql").observedGeneration()).isEqualTo(2);
    }

    @Test
    void failsAnAdapterWithAnUnknownPolicyInsteadOfFallingBack() {
        engine("e0");

        List<Action> actions = plan(adapter("sql").policy("round-robin").build());

        assertThat(loads(actions)).isEmpty();
        assertThat(status(actions, "sql").phase()).isEqualTo(Phase.FAILED);
        assertThat(status(actions, "sql").lastError()).contains("round-robin");
    }

    @Test
    void ordersUnloadsBeforeLoadsBeforeStatusUpdates() {
        engine("e0", Map.of(), Map.of("old", "/old"));
        owned.add("old");

        List<Action> actions = plan(adapter("sql").build());

        assertThat(actions).extracting(a -> a.getClass().getSimpleName())
                .containsExactly("Unload", "Load", "UpdateStatus");
    }

    @Test
    void keepsConditionMessagesWithinWhatMetadataServiceAccepts() {
        for (int i = 0; i < 200; i++) {
            engine("engine-with-a-long-pod-name-" + i);
        }

        AdapterStatus status = status(plan(adapter("sql").build()), "sql");

        assertThat(condition(status, Condition.SCHEDULED).message()).hasSizeLessThanOrEqualTo(Condition.MAX_MESSAGE)
                .endsWith("…");
    }

    @Test
    void mapsArtifactUrlsToEnginePaths() {
        assertThat(adapter("a").artifact("hf://org/repo").build().loraPath()).isEqualTo("org/repo");
        assertThat(adapter("a").artifact("huggingface://org/repo").build().loraPath()).isEqualTo("org/repo");
        assertThat(adapter("a").artifact("file:///models/a").build().loraPath()).isEqualTo("/models/a");
        assertThat(adapter("a").artifact("/models/a").build().loraPath()).isEqualTo("/models/a");
        assertThat(adapter("a").artifact("s3://bucket/a").build().loraPath()).isEqualTo("s3://bucket/a");
    }

    private List<Action> plan(DesiredAdapter... desired) {
        return reconciler.plan(observation(), List.of(desired));
    }

    private Observation observation() {
        return new Observation(NOW, engines, attempts, Set.copyOf(owned), 5);
    }

    private void engine(String name) {
        engine(name, Map.of());
    }

    private void engine(String name, Map<String, String> labels) {
        engine(name, labels, Map.of());
    }

    private void engine(String name, Map<String, String> labels, Map<String, String> adapters) {
        engines.add(new EngineState(name, uri(name), labels, true, true, BASE, adapters));
    }

    private static URI uri(String name) {
        return URI.create("http://" + name + ":8000");
    }

    private static List<String> loads(List<Action> actions) {
        return actions.stream().filter(Action.Load.class::isInstance).map(Action.Load.class::cast)
                .map(l -> l.adapter() + "@" + l.engine()).toList();
    }

    private static List<String> unloads(List<Action> actions) {
        return actions.stream().filter(Action.Unload.class::isInstance).map(Action.Unload.class::cast)
                .map(u -> u.adapter() + "@" + u.engine()).toList();
    }

    private static AdapterStatus status(List<Action> actions, String adapter) {
        return actions.stream().filter(Action.UpdateStatus.class::isInstance).map(Action.UpdateStatus.class::cast)
                .filter(u -> u.adapter().equals(adapter)).findFirst().orElseThrow().status();
    }

    private static Condition condition(AdapterStatus status, String type) {
        return status.conditions().stream().filter(c -> c.type().equals(type)).findFirst().orElseThrow();
    }

    private static AdapterBuilder adapter(String name) {
        return new AdapterBuilder(name);
    }

    /** Adapters with test defaults: base model {@value #BASE}, artifact {@code hf://org/<name>}, generation 1. */
    private static final class AdapterBuilder {

        private final String name;

        private String artifact;

        private Map<String, String> selector = Map.of();

        private Integer replicas;

        private String policy = LeastAdaptersPolicy.NAME;

        private long generation = 1;

        private AdapterStatus status = AdapterStatus.INITIAL;

        AdapterBuilder(String name) {
            this.name = name;
            this.artifact = "hf://org/" + name;
        }

        AdapterBuilder artifact(String url) {
            this.artifact = url;
            return this;
        }

        AdapterBuilder selector(Map<String, String> labels) {
            this.selector = new LinkedHashMap<>(labels);
            return this;
        }

        AdapterBuilder replicas(int count) {
            this.replicas = count;
            return this;
        }

        AdapterBuilder policy(String name) {
            this.policy = name;
            return this;
        }

        AdapterBuilder generation(long value) {
            this.generation = value;
            return this;
        }

        AdapterBuilder status(AdapterStatus value) {
            this.status = value;
            return this;
        }

        DesiredAdapter build() {
            return new DesiredAdapter(name, BASE, artifact, selector, replicas, policy, generation, status);
        }
    }
}

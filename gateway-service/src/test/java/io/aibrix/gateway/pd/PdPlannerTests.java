package io.aibrix.gateway.pd;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.routing.Candidate;
import io.aibrix.gateway.routing.RoutingRequest;
import org.junit.jupiter.api.Test;

import static io.aibrix.gateway.pd.PdFixtures.combined;
import static io.aibrix.gateway.pd.PdFixtures.decode;
import static io.aibrix.gateway.pd.PdFixtures.prefill;
import static io.aibrix.gateway.pd.PdFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link PdPlanner}. */
class PdPlannerTests {

    private final RecordingAffinity affinity = new RecordingAffinity();

    private final PdPlanner planner = new PdPlanner(new PrefillSelector(10, 1, 16), affinity,
            new SplittableRandom(42));

    @Test
    void disaggregatesOnTheLeastLoadedPrefillEngineWhenAPairExists() {
        PdPlanner.Plan plan = planner.plan(request(), List.of(prefill("p1", 2), prefill("p2", 0), decode("d1", 0),
                combined("c1", 0)), endpoint -> true);

        assertThat(plan).isInstanceOfSatisfying(PdPlanner.Disaggregate.class,
                disaggregate -> assertThat(disaggregate.prefill().endpoint().host()).isEqualTo("p2"));
    }

    @Test
    void sendsThePrefillWhereThePrefixAffinityFindsThePrompt() {
        affinity.cachedOn = "p3";

        PdPlanner.Plan plan = planner.plan(request(), List.of(prefill("p1", 0), prefill("p2", 0), prefill("p3", 1),
                decode("d1", 0)), endpoint -> true);

        assertThat(plan).isInstanceOfSatisfying(PdPlanner.Disaggregate.class,
                disaggregate -> assertThat(disaggregate.prefill().endpoint().host()).isEqualTo("p3"));
    }

    @Test
    void spreadsPrefillsOverEquallyGoodEnginesWithTheSeededShuffle() {
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            PdPlanner.Plan plan = planner.plan(request(), List.of(prefill("p1", 0), prefill("p2", 0),
                    decode("d1", 0)), endpoint -> true);
            chosen.add(((PdPlanner.Disaggregate) plan).prefill().endpoint().host());
        }

        assertThat(chosen).contains("p1", "p2");
    }

    @Test
    void choosesByLoadWhenThePrefixAffinityFails() {
        PdPlanner failing = new PdPlanner(new PrefillSelector(10, 1, 16), new PrefixAffinity() {

            @Override
            public double[] cachedShares(RoutingRequest request, List<Candidate> candidates) {
                throw new IllegalStateException("index down");
            }

            @Override
            public void prefilled(RoutingRequest request, Endpoint engine) {
            }
        }, new SplittableRandom(1));

        PdPlanner.Plan plan = failing.plan(request(), List.of(prefill("p1", 3), prefill("p2", 1), decode("d1", 0)),
                endpoint -> true);

        assertThat(plan).isInstanceOfSatisfying(PdPlanner.Disaggregate.class,
                disaggregate -> assertThat(disaggregate.prefill().endpoint().host()).isEqualTo("p2"));
    }

    @Test
    void usesCombinedEnginesOnlyWhenNoPairExists() {
        assertThat(planner.plan(request(), List.of(decode("d1", 0), combined("c1", 5)), endpoint -> true))
            .isEqualTo(new PdPlanner.Undivided(PdMode.COMBINED));
        assertThat(planner.plan(request(), List.of(prefill("p1", 0), combined("c1", 5)), endpoint -> true))
            .isEqualTo(new PdPlanner.Undivided(PdMode.COMBINED));
    }

    @Test
    void fallsBackToTheDecodeEnginesWhenEveryPrefillEngineIsFailing() {
        PdPlanner.Plan plan = planner.plan(request(), List.of(prefill("p1", 0), decode("d1", 0)),
                endpoint -> !endpoint.host().equals("p1"));

        assertThat(plan).isEqualTo(new PdPlanner.Undivided(PdMode.FALLBACK));
    }

    @Test
    void isUnavailableNamingTheMissingPrefillRole() {
        PdPlanner.Plan plan = planner.plan(request(), List.of(decode("d1", 0), decode("d2", 0)), endpoint -> true);

        assertThat(plan).isInstanceOfSatisfying(PdPlanner.Unavailable.class, none -> assertThat(none.message())
            .isEqualTo("No usable prefill engine serves model 'llama' for pd routing, which needs a prefill and a"
                    + " decode engine (ready: 0 prefill, 2 decode, 0 combined)"));
    }

    @Test
    void isUnavailableNamingTheMissingDecodeRoleAndTheFailingEngines() {
        PdPlanner.Plan plan = planner.plan(request(), List.of(prefill("p1", 0), decode("d1", 0)),
                endpoint -> !endpoint.host().equals("d1"));

        assertThat(plan).isInstanceOfSatisfying(PdPlanner.Unavailable.class, none -> assertThat(none.message())
            .startsWith("No usable decode engine serves model 'llama'")
            .endsWith("(ready: 1 prefill, 1 decode (1 failing), 0 combined)"));
    }

    @Test
    void isUnavailableWithoutAnyReadyEngine() {
        assertThat(planner.plan(request(), List.of(), endpoint -> true))
            .isInstanceOfSatisfying(PdPlanner.Unavailable.class,
                    none -> assertThat(none.message()).startsWith("No usable prefill or decode engine"));
    }

    /** Claims the whole prompt is cached on one engine. */
    private static final class RecordingAffinity implements PrefixAffinity {

        private String cachedOn = "";

        @Override
        public double[] cachedShares(RoutingRequest request, List<Candidate> candidates) {
            return candidates.stream().mapToDouble(c -> c.endpoint().host().equals(cachedOn) ? 1 : 0).toArray();
        }

        @Override
        public void prefilled(RoutingRequest request, Endpoint engine) {
        }
    }
}

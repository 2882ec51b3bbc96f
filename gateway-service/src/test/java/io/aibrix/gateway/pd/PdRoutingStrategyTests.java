package io.aibrix.gateway.pd;

import java.util.List;
import java.util.Map;

import io.aibrix.gateway.routing.Candidate;
import io.aibrix.gateway.routing.Decision;
import org.junit.jupiter.api.Test;

import static io.aibrix.gateway.pd.PdFixtures.combined;
import static io.aibrix.gateway.pd.PdFixtures.decode;
import static io.aibrix.gateway.pd.PdFixtures.engine;
import static io.aibrix.gateway.pd.PdFixtures.prefill;
import static io.aibrix.gateway.pd.PdFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link PdRoutingStrategy}. */
class PdRoutingStrategyTests {

    private final PdRoutingStrategy strategy = new PdRoutingStrategy(new DecodeSelector(16));

    @Test
    void routesToTheBestDecodeEngineNeverToAPrefillOrCombinedOne() {
        Decision decision = strategy.route(request(), List.of(prefill("p1", 0), combined("c1", 0),
                decode("d1", 3), decode("d2", 1)));

        assertThat(decision.target().host()).isEqualTo("d2");
        assertThat(decision.responseHeaders()).isEmpty();
    }

    @Test
    void routesToACombinedEngineWhenNoPrefillEngineIsACandidate() {
        Decision decision = strategy.route(request(), List.of(decode("d1", 0), combined("c1", 4), combined("c2", 2)));

        assertThat(decision.target().host()).isEqualTo("c2");
    }

    @Test
    void routesToADecodeEngineWhenNothingElseCanDecode() {
        assertThat(strategy.route(request(), List.of(decode("d1", 2), decode("d2", 0))).target().host())
            .isEqualTo("d2");
    }

    @Test
    void fallsBackToWhateverIsLeftOnceEveryDecodeEngineWasTried() {
        assertThat(PdRoutingStrategy.pool(List.of(prefill("p1", 0), prefill("p2", 0)))).hasSize(2);
        assertThat(PdRoutingStrategy.pool(List.of(prefill("p1", 0), combined("c1", 0))))
            .extracting(c -> c.endpoint().host())
            .containsExactly("c1");
    }

    @Test
    void answersTheDebugHeaderWithTheDecodeEnginesScores() {
        List<Candidate> candidates = List.of(engine("d1", "decode", 1, 1, 0, 0.5), prefill("p1", 0),
                engine("d2", "decode", 0, 0, 0, 0.5));

        Decision decision = strategy.route(request(Map.of("x-aibrix-routing-debug", "true")), candidates);

        assertThat(decision.target().host()).isEqualTo("d2");
        assertThat(decision.responseHeaders())
            .containsExactly(Map.entry("x-aibrix-pd-decode-scores", "d2:8000=2,d1:8000=4"));
    }

    @Test
    void isNamedPdAndDoesNotScoreSoItCannotBeWeighted() {
        assertThat(strategy.name()).isEqualTo("pd");
        assertThat(strategy).isNotInstanceOf(io.aibrix.gateway.routing.PodScorer.class);
    }
}

package io.aibrix.gateway.pd;

import java.util.List;

import io.aibrix.gateway.routing.Candidate;
import org.junit.jupiter.api.Test;

import static io.aibrix.gateway.pd.PdFixtures.decode;
import static io.aibrix.gateway.pd.PdFixtures.engine;
import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link DecodeSelector}. */
class DecodeSelectorTests {

    private final DecodeSelector selector = new DecodeSelector(16);

    @Test
    void choosesTheLeastLoadedEngineWhenKvUsageIsEqual() {
        List<Candidate> decodes = List.of(engine("a", "decode", 4, 4, 0, 0.5), engine("b", "decode", 2, 2, 0, 0.5));

        DecodeSelector.Choice choice = selector.choose(decodes);

        assertThat(choice.index()).isEqualTo(1);
        assertThat(choice.scores()).containsExactly(10, 6);
    }

    @Test
    void prefersKvHeadroomOverASlightlyLowerLoad() {
        List<Candidate> decodes = List.of(engine("full", "decode", 2, 2, 0, 0.9), engine("roomy", "decode", 3, 3, 0,
                0.2));

        assertThat(selector.choose(decodes).index()).isEqualTo(1);
    }

    @Test
    void countsRequestsTheEngineReportsBeyondThisGatewaysOwn() {
        // "a" runs 5 requests of another gateway's; this gateway's count alone would prefer it.
        List<Candidate> decodes = List.of(engine("a", "decode", 0, 5, 1, 0.1), engine("b", "decode", 2, 2, 0, 0.1));

        assertThat(selector.choose(decodes).index()).isEqualTo(1);
    }

    @Test
    void scoresAnEngineWithUnknownMetricsByItsInFlightCount() {
        List<Candidate> decodes = List.of(decode("cold", 0), engine("warm", "decode", 0, 0, 0, 0.3));

        DecodeSelector.Choice choice = selector.choose(decodes);

        assertThat(choice.index()).isZero();
        assertThat(choice.scores()[0]).isEqualTo(1);
    }

    @Test
    void takesTheLeastLoadedEngineWhenLoadsDifferByTheThreshold() {
        List<Candidate> decodes = List.of(engine("busy-but-empty", "decode", 20, 20, 0, 0.0),
                engine("idle-but-full", "decode", 4, 4, 0, 0.999));

        DecodeSelector.Choice choice = selector.choose(decodes);

        assertThat(choice.index()).isEqualTo(1);
        assertThat(choice.fastPath()).isTrue();
    }

    @Test
    void keepsAFullCacheScoreFinite() {
        DecodeSelector.Choice choice = selector.choose(List.of(engine("a", "decode", 0, 0, 0, 1.2)));

        assertThat(choice.scores()[0]).isEqualTo(1 / DecodeSelector.MIN_HEADROOM);
    }
}

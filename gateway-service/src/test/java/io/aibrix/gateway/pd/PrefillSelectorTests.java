package io.aibrix.gateway.pd;

import java.util.List;

import io.aibrix.gateway.routing.Candidate;
import org.junit.jupiter.api.Test;

import static io.aibrix.gateway.pd.PdFixtures.engine;
import static io.aibrix.gateway.pd.PdFixtures.prefill;
import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link PrefillSelector}. */
class PrefillSelectorTests {

    private final PrefillSelector selector = new PrefillSelector(10, 1, 16);

    @Test
    void choosesTheLeastLoadedEngineWhenNoneCachesThePrompt() {
        List<Candidate> prefills = List.of(prefill("a", 2), prefill("b", 1), prefill("c", 2));

        PrefillSelector.Choice choice = selector.choose(prefills, new double[3]);

        assertThat(choice.index()).isEqualTo(1);
        assertThat(choice.fastPath()).isFalse();
        assertThat(choice.scores()).containsExactly(11, 10.5, 11);
    }

    @Test
    void countsTheRequestsAnEngineReportsWaitingAsLoad() {
        List<Candidate> prefills = List.of(engine("a", "prefill", 1, 1, 4, 0.1), engine("b", "prefill", 2, 2, 0, 0.1));

        assertThat(selector.choose(prefills, new double[2]).index()).isEqualTo(1);
    }

    @Test
    void routesToTheEngineCachingTheLongestPrefixDespiteSomeLoad() {
        List<Candidate> prefills = List.of(prefill("a", 1), prefill("b", 2), prefill("c", 2));

        PrefillSelector.Choice choice = selector.choose(prefills, new double[] {0, 0.9, 0.2});

        assertThat(choice.index()).isEqualTo(1);
    }

    @Test
    void skipsAnEngineLoadedBeyondOneStandardDeviationAboveTheMeanHoweverMuchItCaches() {
        // Loads 0, 0, 0, 6: mean 1.5, stddev 2.6, limit 4.1.
        List<Candidate> prefills = List.of(prefill("a", 0), prefill("b", 0), prefill("c", 0), prefill("hot", 6));

        PrefillSelector.Choice choice = selector.choose(prefills, new double[] {0, 0.1, 0, 1});

        assertThat(choice.index()).isEqualTo(1);
        assertThat(choice.scores()[3]).isNaN();
    }

    @Test
    void takesTheLeastLoadedEngineWhenLoadsDifferByMoreThanTheThreshold() {
        List<Candidate> prefills = List.of(prefill("cached", 17), prefill("idle", 0), prefill("busy", 12),
                prefill("busier", 13));

        PrefillSelector.Choice choice = selector.choose(prefills, new double[] {1, 0, 0, 0});

        assertThat(choice.index()).isEqualTo(1);
        assertThat(choice.fastPath()).isTrue();
    }

    @Test
    void letsACachedPromptOutweighOneRequestMoreInAQuietFleet() {
        List<Candidate> prefills = List.of(prefill("a", 0), prefill("b", 0), prefill("cached", 1));

        assertThat(selector.choose(prefills, new double[] {0, 0, 1}).index()).isEqualTo(2);
    }

    @Test
    void keepsTheFirstOfEquallyGoodEngines() {
        List<Candidate> prefills = List.of(prefill("a", 1), prefill("b", 1));

        assertThat(selector.choose(prefills, new double[] {Double.NaN, 0}).index()).isZero();
    }

    @Test
    void treatsSharesOutsideZeroToOneAsTheirBound() {
        List<Candidate> prefills = List.of(prefill("a", 0), prefill("b", 0));

        PrefillSelector.Choice choice = selector.choose(prefills, new double[] {-3, 7});

        assertThat(choice.scores()).containsExactly(10, 0);
    }
}

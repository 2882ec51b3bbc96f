package io.aibrix.simulator;

import java.util.Arrays;
import java.util.Map;

import io.aibrix.simulator.engine.ModelProfile;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests, through HTTP only, that prefix caching saves exactly the modelled prefill time and that eviction is LRU. */
class PrefixCachingIntegrationTests {

    private static SimulatedEngine a100;
    private static SimulatedEngine small;

    @BeforeAll
    static void start() {
        a100 = SimulatedEngine.start(Map.of("simulator.profile", "llama3-8b-a100"));
        // 40 blocks = 624 usable tokens: a few prompts of a few hundred tokens put it under pressure.
        small = SimulatedEngine.start(Map.of("simulator.profile", "zero", "simulator.num-gpu-blocks", 40,
                "simulator.max-model-len", 512));
    }

    @AfterAll
    static void stop() {
        a100.close();
        small.close();
    }

    @Test
    void aRepeatedPrefixReportsCachedTokensAndCutsTtftByTheModelledPrefill() {
        EngineHttp http = new EngineHttp(a100.baseUri());
        http.streamFirstToken(EngineHttp.words("warmup", 500), 1);
        double[] saved = new double[3];
        for (int round = 0; round < saved.length; round++) {
            String prompt = EngineHttp.words("p" + round + "w", 3000);
            EngineHttp.Streamed cold = http.streamFirstToken(prompt, 1);
            EngineHttp.Streamed warm = http.streamFirstToken(prompt, 1);

            // 3001 tokens with BOS: 187 full blocks can hit (one token is always recomputed).
            assertThat(cold.cachedTokens()).isZero();
            assertThat(warm.cachedTokens()).isEqualTo(2992);
            saved[round] = cold.ttftSeconds() - warm.ttftSeconds();
        }

        double modelled = coldPrefillMillis() - warmPrefillMillis();
        double measured = median(saved) * 1000;
        assertThat(measured).isBetween(modelled - Math.max(0.1 * modelled, 10), modelled + Math.max(0.1 * modelled,
                10));
    }

    @Test
    void evictsUnderBlockPressureStartingFromThePromptTail() {
        EngineHttp http = new EngineHttp(small.baseUri());
        String victim = EngineHttp.words("victim", 200);
        http.complete(victim, 1);
        int before = http.complete(victim, 1).at("/usage/prompt_tokens_details/cached_tokens").asInt();

        http.complete(EngineHttp.words("filler-a", 300), 1);
        http.complete(EngineHttp.words("filler-b", 300), 1);
        int after = http.complete(victim, 1).at("/usage/prompt_tokens_details/cached_tokens").asInt();

        assertThat(before).isEqualTo(192);
        // The fillers took the victim's tail blocks first (freed in reverse order); its head block survived.
        assertThat(after).isPositive().isLessThan(before);
    }

    /** Two chunks under the 2048-token budget: 2048 tokens, then 953 more on top of them. */
    private static double coldPrefillMillis() {
        return step(2048, 0) + step(953, 2048) + ModelProfile.LLAMA3_8B_A100.apiOverhead().toMillis();
    }

    private static double warmPrefillMillis() {
        return step(9, 2992) + ModelProfile.LLAMA3_8B_A100.apiOverhead().toMillis();
    }

    private static double step(int tokens, int computed) {
        ModelProfile p = ModelProfile.LLAMA3_8B_A100;
        return p.baseMs() + p.prefillMsPerToken() * tokens + p.attentionMsPerPair() * tokens * (computed + tokens
                / 2.0);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}

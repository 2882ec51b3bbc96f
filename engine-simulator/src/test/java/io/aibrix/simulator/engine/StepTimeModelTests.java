package io.aibrix.simulator.engine;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/** Tests for {@link StepTimeModel} against the worked examples of the engine model. */
class StepTimeModelTests {

    @Test
    void reproducesTheA100PrefillOfTwoThousandUncachedTokens() {
        StepBatch batch = new StepBatch();
        batch.add(prefill(2048), 2048);

        double ms = model(ModelProfile.LLAMA3_8B_A100, 1.0).stepMillis(batch);

        // 16.4 + 47.8 µs × 2048 + 3.4 ns × 2048 × 1024 ≈ 121 ms (engine-model.md §2.4).
        assertThat(ms).isCloseTo(121.4, within(0.5));
    }

    @Test
    void reproducesTheH100DecodeStepOfABatchOf64AtTwoThousandContext() {
        StepBatch batch = new StepBatch();
        for (int i = 0; i < 64; i++) {
            Sequence seq = decodingAt(2047);
            batch.add(seq, 1);
        }

        double ms = model(ModelProfile.LLAMA3_8B_H100, 1.0).stepMillis(batch);

        assertThat(ms).isCloseTo(11.4, within(0.3));
    }

    @Test
    void scalesEveryDurationByTheTimeScale() {
        StepBatch batch = new StepBatch();
        batch.add(prefill(100), 100);

        assertThat(model(ModelProfile.LLAMA3_8B_A100, 0.1).stepMillis(batch))
                .isCloseTo(model(ModelProfile.LLAMA3_8B_A100, 1.0).stepMillis(batch) / 10, within(1e-9));
    }

    @Test
    void chargesLoraLoadsAndPerAdapterOverhead() {
        StepBatch batch = new StepBatch();
        batch.add(prefill(100), 100);
        double plain = model(ModelProfile.LLAMA3_8B_A100, 1.0).stepMillis(batch);
        batch.setAdapters(2, 1);

        double withLora = new StepTimeModel(ModelProfile.LLAMA3_8B_A100, 1.0, 0, 0.05, 30, new SplittableRandom(1))
                .stepMillis(batch);

        assertThat(withLora).isCloseTo(plain * 1.10 + 30, within(1e-9));
    }

    @Test
    void theZeroProfileCostsNothing() {
        StepBatch batch = new StepBatch();
        batch.add(prefill(4000), 4000);

        assertThat(model(ModelProfile.ZERO, 1.0).stepMillis(batch)).isZero();
    }

    @Test
    void rejectsAnUnknownProfileNamingTheKnownOnes() {
        assertThatIllegalArgumentException().isThrownBy(() -> ModelProfile.named("gpt-9"))
                .withMessageContaining("gpt-9").withMessageContaining("llama3-8b-a100");
    }

    private static StepTimeModel model(ModelProfile profile, double timeScale) {
        return new StepTimeModel(profile, timeScale, 0, 0, 0, new SplittableRandom(1));
    }

    private static Sequence prefill(int tokens) {
        return new Sequence(new EngineRequest("p", new int[tokens], 1, 0, null, 0, 0, null), 1);
    }

    private static Sequence decodingAt(int computed) {
        Sequence seq = new Sequence(new EngineRequest("d", new int[computed], 10, 0, null, 0, 0, null), 1);
        seq.advance(computed);
        seq.sampleIfReady(1);
        return seq;
    }
}

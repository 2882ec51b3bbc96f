package io.aibrix.simulator.engine;

import java.util.random.RandomGenerator;

/**
 * Turns a scheduled batch into its duration: the profile's linear step model, a per-adapter LoRA overhead, the load
 * latency of adapters brought into a GPU slot this step, optional Gaussian jitter, all scaled by {@code timeScale}.
 */
public final class StepTimeModel {

    private final ModelProfile profile;
    private final double timeScale;
    private final double jitter;
    private final double loraOverheadPerAdapter;
    private final double loraLoadMs;
    private final RandomGenerator random;

    public StepTimeModel(ModelProfile profile, double timeScale, double jitter, double loraOverheadPerAdapter,
            double loraLoadMs, RandomGenerator random) {
        this.profile = profile;
        this.timeScale = timeScale;
        this.jitter = jitter;
        this.loraOverheadPerAdapter = loraOverheadPerAdapter;
        this.loraLoadMs = loraLoadMs;
        this.random = random;
    }

    /** Modelled wall time of the step in milliseconds (already scaled). */
    public double stepMillis(StepBatch batch) {
        double ms = profile.baseMs()
                + profile.prefillMsPerToken() * batch.prefillTokens()
                + profile.decodeMsPerSequence() * batch.decodeSequences()
                + profile.kvReadMsPerContextToken() * batch.decodeContextTokens()
                + profile.attentionMsPerPair() * batch.prefillAttentionPairs();
        ms *= 1.0 + loraOverheadPerAdapter * batch.distinctAdapters();
        ms += loraLoadMs * batch.adapterLoads();
        if (jitter > 0) {
            ms *= Math.max(0, 1.0 + jitter * random.nextGaussian());
        }
        return ms * timeScale;
    }
}

package io.aibrix.autoscaler.algorithm;

/** One decision algorithm, registered under its strategy name. */
public interface ScalingAlgorithm {

    /** The {@code scalingStrategy} this algorithm implements. */
    String name();

    /**
     * @param input what the decision sees
     * @param panic the state the previous decision returned, or null
     */
    Recommendation recommend(ScalingInput input, PanicState panic);
}

package io.aibrix.autoscaler.spec;

import java.util.Locale;

/** The decision algorithm of a PodAutoscaler. */
public enum ScalingStrategy {
    KPA, APA, HPA;

    /** The strategy named (case-insensitive), or null when the name is unknown. */
    public static ScalingStrategy parse(String name) {
        if (name == null) {
            return null;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }
}

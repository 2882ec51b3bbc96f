package io.aibrix.autoscaler.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.aibrix.autoscaler.algorithm.MetricWindow;
import io.aibrix.autoscaler.algorithm.PanicState;
import io.aibrix.autoscaler.algorithm.Stabilizer;

/**
 * What one PodAutoscaler's decisions remember between rounds: per metric source its stable and panic windows, the
 * time of its last good sample and KPA's panic state; one cooldown stabilizer. Reset when the spec changes.
 */
final class TargetMemory {

    static final class SourceMemory {

        final MetricWindow stable;
        final MetricWindow panic;
        Instant lastSample;
        PanicState panicState;

        SourceMemory(Duration stableWindow, Duration panicWindow) {
            this.stable = new MetricWindow(stableWindow);
            this.panic = new MetricWindow(panicWindow);
        }
    }

    final Object specFingerprint;
    final List<SourceMemory> sources = new ArrayList<>();
    final Stabilizer stabilizer = new Stabilizer();

    TargetMemory(Object specFingerprint, int sources, Duration stableWindow, Duration panicWindow) {
        this.specFingerprint = specFingerprint;
        for (int i = 0; i < sources; i++) {
            this.sources.add(new SourceMemory(stableWindow, panicWindow));
        }
    }
}

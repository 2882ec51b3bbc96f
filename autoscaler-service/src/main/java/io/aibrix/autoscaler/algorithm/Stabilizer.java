package io.aibrix.autoscaler.algorithm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Cooldown as Kubernetes' HPA stabilizes: the scale only rises to the <em>lowest</em> recommendation of the scale-up
 * window and only falls to the <em>highest</em> recommendation of the scale-down window, so one spike or one dip
 * moves nothing. With a zero window, that direction follows the newest recommendation. One per PodAutoscaler; not
 * thread-safe.
 */
public final class Stabilizer {

    private record Entry(Instant at, int replicas) {
    }

    private final Deque<Entry> history = new ArrayDeque<>();

    /** Records {@code recommended} and returns the stabilized scale. */
    public int stabilize(Instant now, int current, int recommended, Duration upWindow, Duration downWindow) {
        Instant oldest = now.minus(upWindow.compareTo(downWindow) >= 0 ? upWindow : downWindow);
        while (!history.isEmpty() && history.peekFirst().at().isBefore(oldest)) {
            history.pollFirst();
        }
        history.addLast(new Entry(now, recommended));
        Instant upCutoff = now.minus(upWindow);
        Instant downCutoff = now.minus(downWindow);
        int up = recommended;
        int down = recommended;
        for (Entry entry : history) {
            if (entry.at().isAfter(upCutoff)) {
                up = Math.min(up, entry.replicas());
            }
            if (entry.at().isAfter(downCutoff)) {
                down = Math.max(down, entry.replicas());
            }
        }
        int result = current;
        if (result < up) {
            result = up;
        }
        if (result > down) {
            result = down;
        }
        return result;
    }
}

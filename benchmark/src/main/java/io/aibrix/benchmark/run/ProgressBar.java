package io.aibrix.benchmark.run;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A single progress line on a terminal stream, rewritten in place with {@code \r} twice a second. Progress is by
 * requests when their number is known, otherwise by elapsed time against the expected duration.
 */
public final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 30;

    private final RunProgress progress;
    private final NanoClock clock;
    private final PrintWriter out;
    private final ScheduledExecutorService ticker;
    private int lastLength;

    private ProgressBar(RunProgress progress, NanoClock clock, PrintWriter out) {
        this.progress = progress;
        this.clock = clock;
        this.out = out;
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "benchmark-progress");
            thread.setDaemon(true);
            return thread;
        });
    }

    public static ProgressBar start(RunProgress progress, NanoClock clock, PrintWriter out) {
        ProgressBar bar = new ProgressBar(progress, clock, out);
        bar.ticker.scheduleAtFixedRate(bar::draw, 0, 500, TimeUnit.MILLISECONDS);
        return bar;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(1, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        draw();
        synchronized (this) {
            out.println();
            out.flush();
        }
    }

    private synchronized void draw() {
        if (!progress.started()) {
            return;
        }
        String line = render(progress, (clock.nanoTime() - progress.startNanos()) / 1e9);
        out.print('\r' + line + " ".repeat(Math.max(0, lastLength - line.length())));
        out.flush();
        lastLength = line.length();
    }

    static String render(RunProgress progress, double elapsedSeconds) {
        long done = progress.succeededCount() + progress.failedCount();
        double fraction;
        if (progress.expectedRequests() > 0) {
            fraction = (double) done / progress.expectedRequests();
        }
        else if (progress.expectedSeconds() > 0) {
            fraction = elapsedSeconds / progress.expectedSeconds();
        }
        else {
            fraction = 0;
        }
        fraction = Math.clamp(fraction, 0.0, 1.0);
        int filled = (int) Math.round(fraction * WIDTH);
        return String.format(Locale.ROOT, "[%s%s] %3.0f%%  %.0fs  sent %d  ok %d  failed %d  in flight %d",
                "#".repeat(filled), " ".repeat(WIDTH - filled), fraction * 100, elapsedSeconds,
                progress.sentCount(), progress.succeededCount(), progress.failedCount(), progress.inFlight());
    }
}

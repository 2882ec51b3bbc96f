package io.aibrix.benchmark.overhead;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load at a constant rate: request {@code k} is due at {@code start + k / rate}, evenly spaced, whatever
 * happened to earlier requests. Connection {@code c} of {@code n} sends requests {@code c, c + n, c + 2n, ...}, so the
 * due times interleave across connections. Latency is measured from the due time, not the send time: a request sent
 * late because its connection was still busy counts the wait (no coordinated omission).
 */
final class PacedLoad {

    /** What one run measured. Latencies in nanoseconds, one entry per answered request. */
    record Result(double offeredRate, double achievedRate, int sent, int errors, long[] firstTokenNanos,
            long[] latencyNanos) {
    }

    private final int connections;

    private final Duration readTimeout;

    PacedLoad(int connections, Duration readTimeout) {
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be at least 1 but was " + connections);
        }
        this.connections = connections;
        this.readTimeout = readTimeout;
    }

    Result run(URI target, byte[] body, double rate, Duration duration) throws InterruptedException {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("rate must be positive but was " + rate);
        }
        int total = (int) Math.max(1, Math.round(rate * duration.toNanos() / 1e9));
        double intervalNanos = 1e9 / rate;
        byte[] request = HttpConnection.request(target, body);
        long start = System.nanoTime() + 50_000_000L; // every sender is parked before the first due time
        List<Sender> senders = new ArrayList<>(connections);
        List<Thread> threads = new ArrayList<>(connections);
        for (int c = 0; c < Math.min(connections, total); c++) {
            Sender sender = new Sender(new HttpConnection(target, (int) readTimeout.toMillis()), request, start,
                    intervalNanos, c, connections, total);
            senders.add(sender);
            threads.add(Thread.ofPlatform().name("overhead-sender-" + c).start(sender));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long end = 0;
        int answered = 0;
        int errors = 0;
        for (Sender sender : senders) {
            end = Math.max(end, sender.lastEnd);
            answered += sender.count;
            errors += sender.errors;
        }
        long[] firstToken = new long[answered];
        long[] latency = new long[answered];
        int at = 0;
        for (Sender sender : senders) {
            System.arraycopy(sender.firstToken, 0, firstToken, at, sender.count);
            System.arraycopy(sender.latency, 0, latency, at, sender.count);
            at += sender.count;
        }
        double elapsedSeconds = Math.max(end - start, 1) / 1e9;
        return new Result(rate, answered / elapsedSeconds, total, errors, firstToken, latency);
    }

    /** One connection's share of the schedule; a 2xx answer is a sample, anything else an error. */
    private static final class Sender implements Runnable {

        private final HttpConnection connection;

        private final byte[] request;

        private final long start;

        private final double intervalNanos;

        private final int first;

        private final int stride;

        private final int total;

        final long[] firstToken;

        final long[] latency;

        int count;

        int errors;

        long lastEnd;

        Sender(HttpConnection connection, byte[] request, long start, double intervalNanos, int first, int stride,
                int total) {
            this.connection = connection;
            this.request = request;
            this.start = start;
            this.intervalNanos = intervalNanos;
            this.first = first;
            this.stride = stride;
            this.total = total;
            int share = (total - first + stride - 1) / stride;
            this.firstToken = new long[share];
            this.latency = new long[share];
        }

        @Override
        public void run() {
            try (connection) {
                for (int k = first; k < total; k += stride) {
                    long due = start + (long) (k * intervalNanos);
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    try {
                        HttpConnection.Exchange exchange = connection.exchange(request);
                        lastEnd = exchange.endNanos();
                        if (exchange.status() / 100 == 2) {
                            firstToken[count] = exchange.firstTokenNanos() - due;
                            latency[count] = exchange.endNanos() - due;
                            count++;
                        }
                        else {
                            errors++;
                        }
                    }
                    catch (IOException e) {
                        lastEnd = System.nanoTime();
                        errors++;
                    }
                }
            }
        }
    }
}

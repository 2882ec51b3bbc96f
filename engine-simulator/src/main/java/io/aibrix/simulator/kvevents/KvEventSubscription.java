package io.aibrix.simulator.kvevents;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Scheduler;

/**
 * One reader of the journal as a stream of NDJSON lines: a snapshot or a replay first, then live events, heartbeats
 * while idle. Lines are read from the journal only as the subscriber requests them, so nothing queues up for a slow
 * reader; once it falls out of the retained history its stream fails with {@link SlowReaderException}. Draining runs
 * on {@code scheduler}, never on the engine thread, which only triggers it.
 */
final class KvEventSubscription {

    private static final int READ_BATCH = 64;

    private final KvEventJournal journal;
    private final KvEventCodec codec;
    private final Scheduler scheduler;
    private final Clock clock;
    private final FluxSink<byte[]> sink;
    private final long from;
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable wakeUp = this::scheduleDrain;
    private final Deque<byte[]> snapshotLines = new ArrayDeque<>();
    private volatile boolean heartbeatDue;
    private volatile boolean sentSinceTick;
    /** Completed or failed; only touched inside {@link #drain()}. */
    private boolean done;
    /** The next seq to send; -1 until opened. Only touched inside {@link #drain()}. */
    private long cursor = -1;

    private KvEventSubscription(KvEventJournal journal, KvEventCodec codec, Scheduler scheduler, Clock clock,
            FluxSink<byte[]> sink, long from) {
        this.journal = journal;
        this.codec = codec;
        this.scheduler = scheduler;
        this.clock = clock;
        this.sink = sink;
        this.from = from;
    }

    /**
     * The lines for a reader starting at {@code from}: a replay when {@code from} is retained, else a snapshot
     * first. Completes only when the journal closes.
     */
    static Flux<byte[]> open(KvEventJournal journal, KvEventCodec codec, Scheduler scheduler, Clock clock, long from,
            Duration heartbeatInterval) {
        return Flux.create(sink -> {
            KvEventSubscription subscription = new KvEventSubscription(journal, codec, scheduler, clock, sink, from);
            journal.addReader(subscription.wakeUp);
            long period = heartbeatInterval.toMillis();
            Disposable heartbeats = scheduler.schedulePeriodically(subscription::heartbeatTick, period, period,
                    TimeUnit.MILLISECONDS);
            sink.onRequest(n -> subscription.scheduleDrain());
            sink.onDispose(() -> {
                journal.removeReader(subscription.wakeUp);
                heartbeats.dispose();
            });
        });
    }

    private void heartbeatTick() {
        if (!sentSinceTick) {
            heartbeatDue = true;
        }
        sentSinceTick = false;
        scheduleDrain();
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            scheduler.schedule(() -> {
                drainScheduled.set(false);
                drain();
            });
        }
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            if (!done && !sink.isCancelled()) {
                emitWhatIsRequested();
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void emitWhatIsRequested() {
        if (cursor < 0) {
            openAtStart();
        }
        while (sink.requestedFromDownstream() > 0 && !sink.isCancelled()) {
            byte[] snapshotLine = snapshotLines.poll();
            if (snapshotLine != null) {
                send(snapshotLine);
                continue;
            }
            List<KvEventJournal.Entry> entries = journal.entries(cursor, READ_BATCH);
            if (entries == null) {
                fail();
                return;
            }
            if (entries.isEmpty()) {
                if (journal.isClosed()) {
                    done = true;
                    sink.complete();
                } else if (heartbeatDue) {
                    heartbeatDue = false;
                    sink.next(codec.heartbeat(cursor - 1, clock.millis()));
                    continue;
                }
                return;
            }
            for (KvEventJournal.Entry entry : entries) {
                if (sink.requestedFromDownstream() == 0 || sink.isCancelled()) {
                    break;
                }
                send(codec.line(entry));
                cursor++;
            }
        }
        // No demand: the reader is not keeping up. Cut it as soon as it has missed history, not when it asks again.
        if (!sink.isCancelled() && !journal.isRetained(cursor)) {
            fail();
        }
    }

    private void openAtStart() {
        if (journal.isRetained(from)) {
            cursor = from;
            return;
        }
        KvEventJournal.Snapshot snapshot = journal.snapshot();
        snapshotLines.addAll(codec.snapshot(snapshot, journal.blockSize(), clock.millis()));
        cursor = snapshot.seq() + 1;
    }

    /** Sends an event or snapshot line; heartbeats are not activity, so they go straight to the sink. */
    private void send(byte[] line) {
        sentSinceTick = true;
        sink.next(line);
    }

    private void fail() {
        done = true;
        snapshotLines.clear();
        sink.error(new SlowReaderException(cursor, journal.oldestRetained()));
    }

    /** The reader fell further behind than the retained history; it must reconnect and will get a snapshot. */
    static final class SlowReaderException extends RuntimeException {

        SlowReaderException(long next, long oldest) {
            super("KV event reader needs seq " + next + " but the oldest retained is " + oldest, null, false, false);
        }
    }
}

package io.aibrix.simulator.kvevents;

import java.time.Clock;
import java.time.Duration;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/** Opens readers' streams over one engine's journal. */
final class KvEventStreams {

    private final KvEventJournal journal;
    private final KvEventCodec codec;
    private final Scheduler scheduler;
    private final Clock clock;
    private final Duration heartbeatInterval;
    private final String engineId;

    KvEventStreams(KvEventJournal journal, KvEventCodec codec, Scheduler scheduler, Clock clock,
            Duration heartbeatInterval, String engineId) {
        this.journal = journal;
        this.engineId = engineId;
        this.codec = codec;
        this.scheduler = scheduler;
        this.clock = clock;
        this.heartbeatInterval = heartbeatInterval;
    }

    /**
     * NDJSON lines from {@code from} (0 or anything not retained: a snapshot first), live until the engine stops.
     *
     * @param knownEngineId the engine id the reader's {@code from} refers to, or null; a different one (the engine
     *        restarted) means {@code from} is meaningless here, so the reader gets a snapshot
     */
    Flux<byte[]> open(long from, String knownEngineId) {
        long start = knownEngineId == null || knownEngineId.equals(engineId) ? from : 0;
        return KvEventSubscription.open(journal, codec, scheduler, clock, start, heartbeatInterval);
    }
}

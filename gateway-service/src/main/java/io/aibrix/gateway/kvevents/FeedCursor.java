package io.aibrix.gateway.kvevents;

import org.springframework.lang.Nullable;

/**
 * Where one engine's feed stands and how its lines change the engine's {@link EngineBlocks}: the engine's id, the last
 * applied event and whether a snapshot is being received. Enforces the feed's ordering rules and throws
 * {@link ResyncException} whenever the gateway's copy can no longer be trusted (a gap, a restart seen mid-stream, an
 * event before any snapshot); it then forgets its position so the next connection starts with a snapshot.
 *
 * <p>Only the engine's feed calls it, one line at a time; methods are synchronized because successive connections may
 * run on different threads.
 */
final class FeedCursor {

    private final EngineBlocks blocks;
    private @Nullable String engineId;
    /** The last applied event's seq; -1 while a snapshot is needed. */
    private long lastSeq = -1;
    private boolean inSnapshot;
    private long snapshotSeq;

    FeedCursor(EngineBlocks blocks) {
        this.blocks = blocks;
    }

    EngineBlocks blocks() {
        return blocks;
    }

    /**
     * Takes in the engine's {@code /server_info}, read before each connection. A different engine id than before means
     * the engine restarted: everything known about it is dropped.
     *
     * @return whether the engine restarted
     */
    synchronized boolean serverInfo(ServerInfo info) {
        boolean restarted = engineId != null && !engineId.equals(info.engineId());
        if (restarted) {
            forget();
            blocks.clear();
        }
        engineId = info.engineId();
        blocks.describe(info.model(), info.blockSize());
        return restarted;
    }

    /** Whether the line comes from another engine than the lines before it: the engine restarted. */
    synchronized boolean fromAnotherEngine(FeedLine line) {
        return engineId != null && !engineId.equals(line.engineId());
    }

    /** The {@code from} of the next connection: the next event wanted, or 0 when a snapshot is needed. */
    synchronized long resumeFrom() {
        return lastSeq >= 0 ? lastSeq + 1 : 0;
    }

    /** The {@code engine_id} the next connection's {@link #resumeFrom} refers to; null when a snapshot is needed. */
    synchronized @Nullable String resumeEngineId() {
        return lastSeq >= 0 ? engineId : null;
    }

    /** Whether the gateway's copy is complete up to the last line: no snapshot under way, and one was received. */
    synchronized boolean synced() {
        return !inSnapshot && lastSeq >= 0;
    }

    /** Forgets the position so the next connection asks for a snapshot; the blocks stay until it arrives. */
    synchronized void forget() {
        lastSeq = -1;
        inSnapshot = false;
    }

    /**
     * Applies one line.
     *
     * @return false when the line changed nothing (a heartbeat, or an event already applied)
     * @throws ResyncException when the line cannot be applied consistently
     */
    synchronized boolean apply(FeedLine line) {
        if (engineId != null && !engineId.equals(line.engineId())) {
            forget();
            blocks.clear();
            engineId = line.engineId();
            if (!(line instanceof FeedLine.Snapshot)) {
                throw resync(ResyncException.Reason.RESTART, "the engine restarted without a snapshot");
            }
        }
        engineId = line.engineId();
        return switch (line) {
            case FeedLine.Snapshot snapshot -> snapshot(snapshot);
            case FeedLine.Heartbeat heartbeat -> heartbeat(heartbeat);
            case FeedLine.BlockStored stored -> event(stored);
            case FeedLine.BlockRemoved removed -> event(removed);
            case FeedLine.AllBlocksCleared cleared -> event(cleared);
        };
    }

    private boolean snapshot(FeedLine.Snapshot snapshot) {
        if (!inSnapshot) {
            blocks.clear();
            inSnapshot = true;
            snapshotSeq = snapshot.seq();
            lastSeq = -1;
        }
        else if (snapshot.seq() != snapshotSeq) {
            throw resync(ResyncException.Reason.PROTOCOL, "snapshot lines of events " + snapshotSeq + " and "
                    + snapshot.seq() + " mixed");
        }
        for (FeedLine.SnapshotBlock block : snapshot.blocks()) {
            if (block.tokenIds().length != snapshot.blockSize()) {
                throw resync(ResyncException.Reason.PROTOCOL, "snapshot block of " + block.tokenIds().length
                        + " tokens with block size " + snapshot.blockSize());
            }
            blocks.stored(block.parentBlockHash(), new long[] {block.blockHash()}, block.tokenIds(),
                    snapshot.blockSize(), block.loraName());
        }
        if (snapshot.last()) {
            inSnapshot = false;
            lastSeq = snapshot.seq();
        }
        return true;
    }

    private boolean heartbeat(FeedLine.Heartbeat heartbeat) {
        if (inSnapshot || lastSeq < 0) {
            throw resync(ResyncException.Reason.PROTOCOL, "heartbeat before a complete snapshot");
        }
        if (heartbeat.seq() > lastSeq) {
            throw resync(ResyncException.Reason.GAP, "heartbeat at event " + heartbeat.seq() + " but event "
                    + lastSeq + " was the last received");
        }
        return false;
    }

    private boolean event(FeedLine event) {
        if (inSnapshot || lastSeq < 0) {
            throw resync(ResyncException.Reason.PROTOCOL, "event " + event.seq() + " before a complete snapshot");
        }
        if (event.seq() <= lastSeq) {
            return false;
        }
        if (event.seq() != lastSeq + 1) {
            throw resync(ResyncException.Reason.GAP, "event " + event.seq() + " after event " + lastSeq);
        }
        switch (event) {
            case FeedLine.BlockStored stored -> blocks.stored(stored.parentBlockHash(), stored.blockHashes(),
                    stored.tokenIds(), stored.blockSize(), stored.loraName());
            case FeedLine.BlockRemoved removed -> blocks.removed(removed.blockHashes());
            case FeedLine.AllBlocksCleared cleared -> blocks.clear();
            default -> throw new IllegalArgumentException("not an event: " + event);
        }
        lastSeq = event.seq();
        return true;
    }

    private ResyncException resync(ResyncException.Reason reason, String message) {
        forget();
        return new ResyncException(reason, message);
    }
}

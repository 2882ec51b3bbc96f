package io.aibrix.simulator.kvevents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Writes the NDJSON lines of {@code GET /v1/kv-events} (docs/kv-events-contract.md): one compact JSON object and a
 * {@code \n} per line. Hashes are written as signed 64-bit integers.
 */
final class KvEventCodec {

    /** Blocks per snapshot line, so one line stays well under 100 KB even with 16-token blocks. */
    static final int SNAPSHOT_BLOCKS_PER_LINE = 256;

    private final JsonFactory factory;
    private final String engineId;

    KvEventCodec(JsonFactory factory, String engineId) {
        this.factory = factory;
        this.engineId = engineId;
    }

    byte[] line(KvEventJournal.Entry entry) {
        byte[] line = entry.line;
        if (line == null) {
            line = encode(entry.event);
            entry.line = line;
        }
        return line;
    }

    byte[] encode(KvEvent event) {
        return write(json -> {
            switch (event) {
                case KvEvent.BlockStored e -> {
                    header(json, "block_stored", e.seq(), e.ts());
                    longs(json, "block_hashes", e.hashes());
                    hashOrNull(json, "parent_block_hash", e.parentHash());
                    ints(json, "token_ids", e.tokenIds());
                    json.writeNumberField("block_size", e.blockSize());
                    json.writeStringField("lora_name", e.lora());
                }
                case KvEvent.BlockRemoved e -> {
                    header(json, "block_removed", e.seq(), e.ts());
                    longs(json, "block_hashes", e.hashes());
                }
                case KvEvent.AllBlocksCleared e -> header(json, "all_blocks_cleared", e.seq(), e.ts());
            }
        });
    }

    /** The snapshot as one or more lines of at most {@link #SNAPSHOT_BLOCKS_PER_LINE} blocks; the final one is last. */
    List<byte[]> snapshot(KvEventJournal.Snapshot snapshot, int blockSize, long ts) {
        List<KvEventJournal.CachedBlock> blocks = snapshot.blocks();
        List<byte[]> lines = new ArrayList<>();
        int from = 0;
        do {
            int start = from;
            int end = Math.min(blocks.size(), from + SNAPSHOT_BLOCKS_PER_LINE);
            lines.add(write(json -> {
                header(json, "snapshot", snapshot.seq(), ts);
                json.writeNumberField("block_size", blockSize);
                json.writeArrayFieldStart("blocks");
                for (KvEventJournal.CachedBlock block : blocks.subList(start, end)) {
                    json.writeStartObject();
                    json.writeNumberField("block_hash", block.hash());
                    hashOrNull(json, "parent_block_hash", block.parentHash());
                    ints(json, "token_ids", block.tokenIds());
                    json.writeStringField("lora_name", block.lora());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeBooleanField("last", end == blocks.size());
            }));
            from = end;
        } while (from < blocks.size());
        return lines;
    }

    byte[] heartbeat(long seq, long ts) {
        return write(json -> header(json, "heartbeat", seq, ts));
    }

    private void header(JsonGenerator json, String type, long seq, long ts) throws IOException {
        json.writeStringField("type", type);
        json.writeNumberField("seq", seq);
        json.writeStringField("engine_id", engineId);
        json.writeNumberField("ts", ts);
    }

    private static void hashOrNull(JsonGenerator json, String field, long hash) throws IOException {
        if (hash == 0) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, hash);
        }
    }

    private static void longs(JsonGenerator json, String field, long[] values) throws IOException {
        json.writeFieldName(field);
        json.writeArray(values, 0, values.length);
    }

    private static void ints(JsonGenerator json, String field, int[] values) throws IOException {
        json.writeFieldName(field);
        json.writeArray(values, 0, values.length);
    }

    private byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = factory.createGenerator(out)) {
            json.writeStartObject();
            body.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator json) throws IOException;
    }
}

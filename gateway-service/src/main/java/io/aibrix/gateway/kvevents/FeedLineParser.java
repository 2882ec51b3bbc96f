package io.aibrix.gateway.kvevents;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import org.springframework.lang.Nullable;

/**
 * Parses feed lines with Jackson's streaming parser straight into primitive arrays (a {@code block_stored} line of an
 * 8k-token prompt holds 8,192 token ids). Fields may come in any order; unknown fields are skipped.
 */
final class FeedLineParser {

    private static final JsonFactory FACTORY = new JsonFactory();

    private FeedLineParser() {
    }

    /**
     * The line, or null for a line type this gateway does not know (a newer engine's addition).
     *
     * @throws MalformedLineException when the line is not a valid feed line
     */
    static @Nullable FeedLine parse(byte[] line) {
        try (JsonParser json = FACTORY.createParser(line)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedLineException("not a JSON object");
            }
            Fields fields = new Fields();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                json.nextToken();
                fields.read(name, json);
            }
            return fields.build();
        }
        catch (IOException | RuntimeException ex) {
            if (ex instanceof MalformedLineException malformed) {
                throw malformed;
            }
            throw new MalformedLineException(ex.getMessage());
        }
    }

    /** The fields of one line as they are read. */
    private static final class Fields {

        @Nullable String type;
        long seq = -1;
        @Nullable String engineId;
        @Nullable long[] blockHashes;
        @Nullable Long parentBlockHash;
        @Nullable int[] tokenIds;
        int blockSize;
        @Nullable String loraName;
        @Nullable List<FeedLine.SnapshotBlock> blocks;
        boolean last;

        void read(String name, JsonParser json) throws IOException {
            switch (name) {
                case "type" -> type = json.getValueAsString();
                case "seq" -> seq = json.getLongValue();
                case "engine_id" -> engineId = json.getValueAsString();
                case "block_hashes" -> blockHashes = longs(json);
                case "parent_block_hash" -> parentBlockHash = nullableLong(json);
                case "token_ids" -> tokenIds = ints(json);
                case "block_size" -> blockSize = json.getIntValue();
                case "lora_name" -> loraName = json.currentToken() == JsonToken.VALUE_NULL ? null : json.getText();
                case "blocks" -> blocks = snapshotBlocks(json);
                case "last" -> last = json.getBooleanValue();
                default -> json.skipChildren();
            }
        }

        @Nullable FeedLine build() {
            if (type == null || engineId == null || seq < 0) {
                throw new MalformedLineException("missing type, seq or engine_id");
            }
            return switch (type) {
                case "block_stored" -> stored();
                case "block_removed" -> new FeedLine.BlockRemoved(seq, engineId, require(blockHashes));
                case "all_blocks_cleared" -> new FeedLine.AllBlocksCleared(seq, engineId);
                case "snapshot" -> new FeedLine.Snapshot(seq, engineId, positive(blockSize),
                        blocks == null ? List.of() : blocks, last);
                case "heartbeat" -> new FeedLine.Heartbeat(seq, engineId);
                default -> null;
            };
        }

        private FeedLine.BlockStored stored() {
            long[] hashes = require(blockHashes);
            int[] ids = require(tokenIds);
            if ((long) hashes.length * positive(blockSize) != ids.length) {
                throw new MalformedLineException(hashes.length + " block hashes of " + blockSize + " tokens but "
                        + ids.length + " token ids");
            }
            return new FeedLine.BlockStored(seq, engineId, hashes, parentBlockHash, ids, blockSize, loraName);
        }

        private static <T> T require(@Nullable T value) {
            if (value == null) {
                throw new MalformedLineException("missing block_hashes or token_ids");
            }
            return value;
        }

        private static int positive(int blockSize) {
            if (blockSize < 1) {
                throw new MalformedLineException("missing or invalid block_size " + blockSize);
            }
            return blockSize;
        }
    }

    private static List<FeedLine.SnapshotBlock> snapshotBlocks(JsonParser json) throws IOException {
        expect(json, JsonToken.START_ARRAY);
        List<FeedLine.SnapshotBlock> blocks = new ArrayList<>();
        while (json.nextToken() == JsonToken.START_OBJECT) {
            Long hash = null;
            Long parent = null;
            int[] ids = null;
            String lora = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                json.nextToken();
                switch (name) {
                    case "block_hash" -> hash = json.getLongValue();
                    case "parent_block_hash" -> parent = nullableLong(json);
                    case "token_ids" -> ids = ints(json);
                    case "lora_name" -> lora = json.currentToken() == JsonToken.VALUE_NULL ? null : json.getText();
                    default -> json.skipChildren();
                }
            }
            if (hash == null || ids == null) {
                throw new MalformedLineException("snapshot block without block_hash or token_ids");
            }
            blocks.add(new FeedLine.SnapshotBlock(hash, parent, ids, lora));
        }
        return blocks;
    }

    private static @Nullable Long nullableLong(JsonParser json) throws IOException {
        return json.currentToken() == JsonToken.VALUE_NULL ? null : json.getLongValue();
    }

    private static long[] longs(JsonParser json) throws IOException {
        expect(json, JsonToken.START_ARRAY);
        long[] values = new long[16];
        int size = 0;
        while (json.nextToken() == JsonToken.VALUE_NUMBER_INT) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = json.getLongValue();
        }
        expect(json, JsonToken.END_ARRAY);
        return Arrays.copyOf(values, size);
    }

    private static int[] ints(JsonParser json) throws IOException {
        expect(json, JsonToken.START_ARRAY);
        int[] values = new int[256];
        int size = 0;
        while (json.nextToken() == JsonToken.VALUE_NUMBER_INT) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = json.getIntValue();
        }
        expect(json, JsonToken.END_ARRAY);
        return Arrays.copyOf(values, size);
    }

    private static void expect(JsonParser json, JsonToken token) {
        if (json.currentToken() != token) {
            throw new MalformedLineException("expected " + token + " but found " + json.currentToken());
        }
    }

    /** A line that is not valid JSON or misses a field its type requires. */
    static final class MalformedLineException extends RuntimeException {

        MalformedLineException(@Nullable String message) {
            super("Malformed KV event line: " + message, null, false, false);
        }
    }
}

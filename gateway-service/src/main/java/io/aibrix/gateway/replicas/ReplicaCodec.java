package io.aibrix.gateway.replicas;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary messages replicas exchange, big-endian, strings as an unsigned 16-bit length and UTF-8 bytes:
 * <pre>
 * in-flight: version:u8  replica:i64  engines:i32  { address:str  count:i32 }*
 * prefix:    version:u8  replica:i64  fingerprint:i64  groups:i32
 *            { strategy:str  address:str  workSeconds:f64  blocks:i32  hash:i64* }*
 * </pre>
 * Binary because a prefix batch is mostly 8-byte block hashes, which text would triple. A message of another version
 * is rejected whole, so a rolling upgrade that changes the format degrades to unshared routing, never to misrouting.
 */
final class ReplicaCodec {

    static final byte VERSION = 1;

    private static final int MAX_STRING = 0xFFFF;

    private ReplicaCodec() {
    }

    /** One replica's own in-flight requests per engine address. */
    record InFlight(long replica, Map<String, Integer> counts) {
    }

    /** One replica's prefix decisions since its previous batch. */
    record Prefixes(long replica, long fingerprint, List<Group> groups) {
    }

    /**
     * The blocks one strategy indexed on one engine within a batch, each once, and the work it routed there.
     *
     * @param workSeconds GPU seconds added to the engine's load window (0 for strategies that keep none)
     */
    record Group(String strategy, String address, double workSeconds, long[] hashes) {
    }

    static byte[] encode(InFlight message) {
        int engines = message.counts().size();
        byte[][] addresses = new byte[engines][];
        int[] counts = new int[engines];
        int size = 1 + 8 + 4;
        int i = 0;
        for (Map.Entry<String, Integer> entry : message.counts().entrySet()) {
            addresses[i] = utf8(entry.getKey());
            counts[i] = entry.getValue();
            size += 2 + addresses[i].length + 4;
            i++;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size).put(VERSION).putLong(message.replica()).putInt(engines);
        for (i = 0; i < engines; i++) {
            buffer.putShort((short) addresses[i].length).put(addresses[i]).putInt(counts[i]);
        }
        return buffer.array();
    }

    static byte[] encode(Prefixes message) {
        int size = 1 + 8 + 8 + 4;
        List<byte[]> names = new ArrayList<>(message.groups().size() * 2);
        for (Group group : message.groups()) {
            byte[] strategy = utf8(group.strategy());
            byte[] address = utf8(group.address());
            names.add(strategy);
            names.add(address);
            size += 2 + strategy.length + 2 + address.length + 8 + 4 + 8 * group.hashes().length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size).put(VERSION).putLong(message.replica())
                .putLong(message.fingerprint()).putInt(message.groups().size());
        int i = 0;
        for (Group group : message.groups()) {
            byte[] strategy = names.get(i++);
            byte[] address = names.get(i++);
            buffer.putShort((short) strategy.length).put(strategy).putShort((short) address.length).put(address)
                    .putDouble(group.workSeconds()).putInt(group.hashes().length);
            for (long hash : group.hashes()) {
                buffer.putLong(hash);
            }
        }
        return buffer.array();
    }

    static InFlight decodeInFlight(byte[] bytes) {
        try {
            ByteBuffer buffer = open(bytes);
            long replica = buffer.getLong();
            int engines = count(buffer, 2 + 4);
            Map<String, Integer> counts = new HashMap<>(engines * 2);
            for (int i = 0; i < engines; i++) {
                String address = string(buffer);
                int count = buffer.getInt();
                if (count < 0) {
                    throw new MalformedMessageException("negative in-flight count for " + address);
                }
                counts.put(address, count);
            }
            end(buffer);
            return new InFlight(replica, counts);
        }
        catch (BufferUnderflowException e) {
            throw new MalformedMessageException("truncated in-flight message");
        }
    }

    static Prefixes decodePrefixes(byte[] bytes) {
        try {
            ByteBuffer buffer = open(bytes);
            long replica = buffer.getLong();
            long fingerprint = buffer.getLong();
            int groups = count(buffer, 2 + 2 + 8 + 4);
            List<Group> decoded = new ArrayList<>(groups);
            for (int g = 0; g < groups; g++) {
                String strategy = string(buffer);
                String address = string(buffer);
                double work = buffer.getDouble();
                if (!(work >= 0) || Double.isInfinite(work)) {
                    throw new MalformedMessageException("work must be finite and not negative, got " + work);
                }
                long[] hashes = new long[count(buffer, 8)];
                for (int i = 0; i < hashes.length; i++) {
                    hashes[i] = buffer.getLong();
                }
                decoded.add(new Group(strategy, address, work, hashes));
            }
            end(buffer);
            return new Prefixes(replica, fingerprint, decoded);
        }
        catch (BufferUnderflowException e) {
            throw new MalformedMessageException("truncated prefix message");
        }
    }

    private static ByteBuffer open(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte version = buffer.get();
        if (version != VERSION) {
            throw new MalformedMessageException("version " + version + ", this replica speaks " + VERSION);
        }
        return buffer;
    }

    /** A count of items of at least {@code minBytes} each, checked against what is left so it cannot over-allocate. */
    private static int count(ByteBuffer buffer, int minBytes) {
        int count = buffer.getInt();
        if (count < 0 || (long) count * minBytes > buffer.remaining()) {
            throw new MalformedMessageException("count " + count + " exceeds the message");
        }
        return count;
    }

    private static String string(ByteBuffer buffer) {
        int length = Short.toUnsignedInt(buffer.getShort());
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void end(ByteBuffer buffer) {
        if (buffer.hasRemaining()) {
            throw new MalformedMessageException(buffer.remaining() + " trailing bytes");
        }
    }

    private static byte[] utf8(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_STRING) {
            throw new IllegalArgumentException("string of " + bytes.length + " bytes is too long to send");
        }
        return bytes;
    }

    /** A message this replica cannot read: another version, truncated, or inconsistent. */
    static final class MalformedMessageException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        MalformedMessageException(String message) {
            super(message, null, false, false);
        }
    }
}

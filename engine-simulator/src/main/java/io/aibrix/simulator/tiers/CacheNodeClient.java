package io.aibrix.simulator.tiers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aibrix.kvcache.client.CacheNode;
import io.aibrix.kvcache.client.RingClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's side of L2: resolves each block hash to the cache node the coordinator's ring names for it (key: the
 * hash in hex), asks the nodes which blocks they hold, and writes blocks to them in the background. A node that is
 * down, slow or unknown is a miss, never an error.
 */
public final class CacheNodeClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CacheNodeClient.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int WRITE_BATCH = 256;

    private final RingClient ring;
    private final HttpClient http;
    private final Duration timeout;
    private final LinkedBlockingQueue<Long> pendingWrites = new LinkedBlockingQueue<>();
    private final LongAdder writes = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final Thread writer;
    private volatile boolean closed;

    /**
     * @param ring follows the cache-node cluster's ring; closed with this client
     * @param timeout bound on a lookup or write; past it the blocks count as missing
     */
    public CacheNodeClient(RingClient ring, Duration timeout) {
        this.ring = ring;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        this.writer = Thread.ofVirtual().name("kv-tier-l2-writer").start(this::writeLoop);
    }

    /** The ring key of a block: its chained hash as unsigned hex. */
    public static String keyOf(long hash) {
        return Long.toHexString(hash);
    }

    /** One flag per hash: held by the node the ring names for it. Completes normally, also on failures. */
    CompletableFuture<boolean[]> lookup(long[] hashes, int count) {
        boolean[] present = new boolean[count];
        Map<CacheNode, List<Integer>> byNode = new HashMap<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            ring.nodeFor(keyOf(hashes[i])).ifPresent(node -> byNode.computeIfAbsent(node, n -> new ArrayList<>())
                    .add(index));
        }
        List<CompletableFuture<Void>> calls = new ArrayList<>(byNode.size());
        byNode.forEach((node, indexes) -> {
            long[] asked = new long[indexes.size()];
            for (int i = 0; i < asked.length; i++) {
                asked[i] = hashes[indexes.get(i)];
            }
            calls.add(post(node, "/v1/blocks/lookup", asked).thenAccept(body -> {
                boolean[] held = parseFlags(body, asked.length);
                for (int i = 0; i < held.length; i++) {
                    present[indexes.get(i)] = held[i];
                }
            }).exceptionally(e -> {
                failures.increment();
                log.debug("Lookup on cache node {} failed: {}", node.name(), e.toString());
                return null;
            }));
        });
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).thenApply(done -> present);
    }

    /** Queues a block to be written to its node; returns at once. */
    void write(long hash) {
        if (!closed) {
            pendingWrites.add(hash);
        }
    }

    long writes() {
        return writes.sum();
    }

    long failures() {
        return failures.sum();
    }

    /** The version of the ring followed; -1 before the first one arrived. */
    long ringVersion() {
        return ring.version();
    }

    private void writeLoop() {
        List<Long> batch = new ArrayList<>(WRITE_BATCH);
        while (!closed) {
            try {
                Long first = pendingWrites.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                pendingWrites.drainTo(batch, WRITE_BATCH - 1);
                flush(batch);
                batch.clear();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void flush(List<Long> batch) throws InterruptedException {
        Map<CacheNode, List<Long>> byNode = new HashMap<>();
        for (long hash : batch) {
            ring.nodeFor(keyOf(hash)).ifPresent(node -> byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(hash));
        }
        List<CompletableFuture<?>> calls = new ArrayList<>(byNode.size());
        byNode.forEach((node, hashes) -> calls.add(post(node, "/v1/blocks",
                hashes.stream().mapToLong(Long::longValue).toArray())
                .thenRun(() -> writes.add(hashes.size()))
                .exceptionally(e -> {
                    failures.increment();
                    log.debug("Write to cache node {} failed: {}", node.name(), e.toString());
                    return null;
                })));
        try {
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get();
        } catch (java.util.concurrent.ExecutionException e) {
            // counted per call above
        }
    }

    private CompletableFuture<byte[]> post(CacheNode node, String path, long[] hashes) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + node.address() + ":" + node.port()
                    + path)).timeout(timeout).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(hashes))).build();
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
                if (response.statusCode() / 100 != 2) {
                    throw new IllegalStateException(path + " answered " + response.statusCode());
                }
                return response.body();
            });
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static boolean[] parseFlags(byte[] body, int expected) {
        try {
            boolean[] flags = MAPPER.readValue(body, boolean[].class);
            if (flags.length != expected) {
                throw new IllegalStateException("expected " + expected + " flags but got " + flags.length);
            }
            return flags;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        writer.interrupt();
        ring.close();
    }
}

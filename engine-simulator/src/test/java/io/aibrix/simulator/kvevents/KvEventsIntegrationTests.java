package io.aibrix.simulator.kvevents;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import com.fasterxml.jackson.databind.JsonNode;

import io.aibrix.simulator.SimulatedEngine;
import io.aibrix.simulator.support.EngineClient;
import io.aibrix.simulator.support.NdjsonStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests, through HTTP only, for {@code GET /v1/kv-events}: a snapshot or a replay, then live events that match
 * what requests do to the cache, heartbeats, concurrent readers, and cutting off a reader that stops reading.
 */
class KvEventsIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static SimulatedEngine engine;
    private static SimulatedEngine smallRing;
    private static SimulatedEngine disabled;
    private static EngineClient client;

    @BeforeAll
    static void startEngines() {
        engine = SimulatedEngine.start(Map.of("simulator.profile", "zero", "simulator.max-model-len", 1024,
                "simulator.num-gpu-blocks", 400, "simulator.kv-events.heartbeat-interval", "200ms"));
        // 160 blocks and an 8-event history: a few long requests evict, and history is soon forgotten.
        smallRing = SimulatedEngine.start(Map.of("simulator.profile", "zero", "simulator.max-model-len", 2048,
                "simulator.num-gpu-blocks", 160, "simulator.kv-events.buffer-size", 8));
        disabled = SimulatedEngine.start(Map.of("simulator.profile", "zero", "simulator.kv-events.enabled", false));
        client = EngineClient.of(engine);
    }

    @AfterAll
    static void stopEngines() {
        engine.close();
        smallRing.close();
        disabled.close();
    }

    @Test
    void streamsASnapshotThenExactlyTheBlocksEachRequestStores() {
        try (NdjsonStream stream = NdjsonStream.open(engine.baseUri(), "/v1/kv-events")) {
            JsonNode snapshot = stream.next(WAIT);
            long seq = snapshot.path("seq").asLong();
            String prompt = words("stored", 40);

            complete(client, prompt);
            complete(client, prompt);
            complete(client, words("other", 20));
            List<JsonNode> events = stream.events(2, WAIT);

            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("application/x-ndjson");
            assertThat(snapshot.path("type").asText()).isEqualTo("snapshot");
            assertThat(snapshot.path("last").asBoolean()).isTrue();
            JsonNode stored = events.get(0);
            assertThat(stored.path("type").asText()).isEqualTo("block_stored");
            assertThat(stored.path("seq").asLong()).isEqualTo(seq + 1);
            assertThat(stored.path("engine_id").asText()).isEqualTo(snapshot.path("engine_id").asText());
            // BOS + 40 words = 41 tokens: two full blocks, stored once; the repeat hits them and stores nothing.
            assertThat(stored.path("block_hashes")).hasSize(2);
            assertThat(stored.path("parent_block_hash").isNull()).isTrue();
            assertThat(ids(stored.path("token_ids"))).isEqualTo(tokenize(prompt).subList(0, 32));
            assertThat(stored.path("block_size").asInt()).isEqualTo(16);
            assertThat(stored.path("lora_name").isNull()).isTrue();
            assertThat(events.get(1).path("seq").asLong()).isEqualTo(seq + 2);
            assertThat(ids(events.get(1).path("token_ids"))).isEqualTo(tokenize(words("other", 20)).subList(0, 16));
        }
    }

    @Test
    void replaysFromARetainedSeqWithoutGapOrDuplicateThenContinuesLive() {
        long last;
        try (NdjsonStream stream = NdjsonStream.open(engine.baseUri(), "/v1/kv-events")) {
            last = stream.next(WAIT).path("seq").asLong();
        }
        for (int i = 0; i < 3; i++) {
            complete(client, words("replay" + i + "-", 20));
        }

        try (NdjsonStream stream = NdjsonStream.open(engine.baseUri(), "/v1/kv-events?from=" + (last + 1))) {
            List<JsonNode> replayed = stream.events(3, WAIT);
            complete(client, words("live", 20));
            JsonNode live = stream.events(1, WAIT).get(0);

            assertThat(replayed).extracting(e -> e.path("seq").asLong())
                    .containsExactly(last + 1, last + 2, last + 3);
            assertThat(replayed).extracting(e -> e.path("type").asText()).containsOnly("block_stored");
            assertThat(live.path("seq").asLong()).isEqualTo(last + 4);
        }
    }

    @Test
    void givesASnapshotToAReaderWhoseSeqBelongsToAnotherEngineProcess() {
        long last;
        String engineId;
        try (NdjsonStream stream = NdjsonStream.open(engine.baseUri(), "/v1/kv-events")) {
            JsonNode snapshot = stream.next(WAIT);
            last = snapshot.path("seq").asLong();
            engineId = snapshot.path("engine_id").asText();
        }
        complete(client, words("restart", 20));

        try (NdjsonStream same = NdjsonStream.open(engine.baseUri(),
                "/v1/kv-events?from=" + (last + 1) + "&engine_id=" + engineId);
                NdjsonStream other = NdjsonStream.open(engine.baseUri(),
                        "/v1/kv-events?from=" + (last + 1) + "&engine_id=an-engine-before-a-restart")) {
            assertThat(same.next(WAIT).path("type").asText()).isEqualTo("block_stored");
            assertThat(other.next(WAIT).path("type").asText()).isEqualTo("snapshot");
        }
    }

    @Test
    void givesAReaderFromAForgottenSeqASnapshotEqualToTheReplayedCache() {
        EngineClient small = EngineClient.of(smallRing);
        try (NdjsonStream follower = NdjsonStream.open(smallRing.baseUri(), "/v1/kv-events")) {
            Map<Long, JsonNode> replayed = new LinkedHashMap<>();
            apply(replayed, follower.next(WAIT));
            for (int i = 0; i < 12; i++) {
                complete(small, words("churn" + (i % 4) + "-", 600 + 300 * (i % 3)));
            }

            try (NdjsonStream late = NdjsonStream.open(smallRing.baseUri(), "/v1/kv-events?from=1")) {
                JsonNode snapshot = late.next(WAIT);
                long seq = snapshot.path("seq").asLong();
                for (JsonNode line = follower.next(WAIT); ; line = follower.next(WAIT)) {
                    apply(replayed, line);
                    if (line.path("seq").asLong() == seq && !"heartbeat".equals(line.path("type").asText())) {
                        break;
                    }
                }

                assertThat(snapshot.path("type").asText()).isEqualTo("snapshot");
                assertThat(seq).isGreaterThan(8);
                Set<Long> parentsSeen = new HashSet<>();
                Map<Long, JsonNode> snapshotted = new LinkedHashMap<>();
                for (JsonNode block : snapshot.path("blocks")) {
                    long parent = block.path("parent_block_hash").asLong();
                    if (replayed.containsKey(parent)) {
                        assertThat(parentsSeen).as("parent listed first").contains(parent);
                    }
                    parentsSeen.add(block.path("block_hash").asLong());
                    snapshotted.put(block.path("block_hash").asLong(), block.path("token_ids"));
                }
                assertThat(snapshotted).isEqualTo(replayed);
            }
        }
    }

    @Test
    void servesTwoConcurrentReadersTheSameSequence() {
        try (NdjsonStream first = NdjsonStream.open(engine.baseUri(), "/v1/kv-events");
                NdjsonStream second = NdjsonStream.open(engine.baseUri(), "/v1/kv-events")) {
            long a = first.next(WAIT).path("seq").asLong();
            long b = second.next(WAIT).path("seq").asLong();
            List<CompletableFuture<?>> requests = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                requests.add(client.postAsync("/v1/completions", completion(words("concurrent" + i + "-", 50))));
            }
            requests.forEach(CompletableFuture::join);

            List<JsonNode> seenByFirst = first.events(8, WAIT);
            List<JsonNode> seenBySecond = second.events(8, WAIT);

            assertThat(b).isEqualTo(a);
            assertThat(seenByFirst).extracting(e -> e.path("seq").asLong())
                    .containsExactlyElementsOf(LongStream.rangeClosed(a + 1, a + 8).boxed().toList());
            assertThat(seenBySecond).isEqualTo(seenByFirst);
        }
    }

    @Test
    void sendsHeartbeatsWithTheLastSeqWhileIdle() {
        try (NdjsonStream stream = NdjsonStream.open(engine.baseUri(), "/v1/kv-events")) {
            JsonNode snapshot = stream.next(WAIT);
            JsonNode heartbeat = stream.until(l -> l.path("type").asText().equals("heartbeat"), Duration.ofSeconds(2))
                    .getLast();

            assertThat(heartbeat.path("seq").asLong()).isGreaterThanOrEqualTo(snapshot.path("seq").asLong());
            assertThat(heartbeat.path("engine_id").asText()).isEqualTo(snapshot.path("engine_id").asText());
            assertThat(heartbeat.path("ts").asLong()).isPositive();
        }
    }

    @Test
    void announcesAPrefixCacheResetAsAllBlocksCleared() {
        complete(client, words("before-reset", 40));
        try (NdjsonStream stream = NdjsonStream.open(engine.baseUri(), "/v1/kv-events")) {
            long seq = stream.next(WAIT).path("seq").asLong();

            assertThat(client.post("/reset_prefix_cache", "").statusCode()).isEqualTo(200);
            JsonNode cleared = stream.events(1, WAIT).get(0);

            assertThat(cleared.path("type").asText()).isEqualTo("all_blocks_cleared");
            assertThat(cleared.path("seq").asLong()).isEqualTo(seq + 1);
        }
        try (NdjsonStream after = NdjsonStream.open(engine.baseUri(), "/v1/kv-events")) {
            JsonNode snapshot = after.next(WAIT);
            assertThat(snapshot.path("blocks")).isEmpty();
        }
    }

    @Test
    void closesTheConnectionOfAReaderThatStopsReadingInsteadOfBufferingForIt() throws IOException {
        EngineClient small = EngineClient.of(smallRing);
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress(smallRing.baseUri().getHost(), smallRing.port()));
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v1/kv-events HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();

            // About 10 MB of events, far more than socket buffers and in-flight writes hold, while nothing is read.
            for (int i = 0; i < 800; i++) {
                complete(small, words("flood" + i + "-", 1500));
            }
            long lastSeq = lastSeq(smallRing);

            socket.setSoTimeout(5_000);
            String received = readToEnd(socket.getInputStream(), System.nanoTime() + WAIT.toNanos());
            long lastReceived = received.lines().filter(l -> l.startsWith("{") && l.endsWith("}"))
                    .mapToLong(l -> EngineClient.json(l).path("seq").asLong()).max().orElse(0);
            assertThat(lastReceived).isLessThan(lastSeq);
        }
        try (NdjsonStream again = NdjsonStream.open(smallRing.baseUri(), "/v1/kv-events?from=1")) {
            assertThat(again.next(WAIT).path("type").asText()).isEqualTo("snapshot");
        }
    }

    @Test
    void answersNotFoundWhenDisabledAndSaysSoInServerInfo() {
        EngineClient off = EngineClient.of(disabled);

        assertThat(off.get("/v1/kv-events").statusCode()).isEqualTo(404);
        assertThat(EngineClient.json(off.get("/server_info")).at("/kv_events/enabled").asBoolean()).isFalse();
        assertThat(EngineClient.json(client.get("/server_info")).at("/kv_events/enabled").asBoolean()).isTrue();
    }

    /** Reads until the server closes the connection; a stream still open at the deadline fails the test. */
    private static String readToEnd(InputStream in, long deadlineNanos) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[65536];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                if (System.nanoTime() > deadlineNanos) {
                    throw new SocketTimeoutException("still open");
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("The server kept the stream of a reader that stopped reading open", e);
        } catch (IOException e) {
            // A reset after unread data still ends the stream.
        }
        return text.toString();
    }

    private static long lastSeq(SimulatedEngine target) {
        try (NdjsonStream stream = NdjsonStream.open(target.baseUri(), "/v1/kv-events")) {
            return stream.next(WAIT).path("seq").asLong();
        }
    }


    private static void apply(Map<Long, JsonNode> cache, JsonNode line) {
        switch (line.path("type").asText()) {
            case "snapshot" -> line.path("blocks").forEach(b -> cache.put(b.path("block_hash").asLong(),
                    b.path("token_ids")));
            case "block_stored" -> {
                JsonNode hashes = line.path("block_hashes");
                int size = line.path("block_size").asInt();
                for (int i = 0; i < hashes.size(); i++) {
                    List<JsonNode> tokens = new ArrayList<>();
                    for (int t = i * size; t < (i + 1) * size; t++) {
                        tokens.add(line.path("token_ids").get(t));
                    }
                    cache.put(hashes.get(i).asLong(), EngineClient.json(tokens.toString()));
                }
            }
            case "block_removed" -> line.path("block_hashes").forEach(h -> cache.remove(h.asLong()));
            case "all_blocks_cleared" -> cache.clear();
            default -> {
            }
        }
    }

    private List<Integer> tokenize(String prompt) {
        return ids(EngineClient.json(client.post("/tokenize", "{\"prompt\":\"" + prompt + "\"}")).path("tokens"));
    }

    private static List<Integer> ids(JsonNode array) {
        List<Integer> ids = new ArrayList<>();
        array.forEach(id -> ids.add(id.asInt()));
        return ids;
    }

    private static void complete(EngineClient target, String prompt) {
        assertThat(target.post("/v1/completions", completion(prompt)).statusCode()).isEqualTo(200);
    }

    private static String completion(String prompt) {
        return "{\"prompt\":\"" + prompt + "\",\"max_tokens\":1,\"ignore_eos\":true}";
    }

    static String words(String tag, int count) {
        return IntStream.range(0, count).mapToObj(i -> tag + i).collect(Collectors.joining(" "));
    }
}

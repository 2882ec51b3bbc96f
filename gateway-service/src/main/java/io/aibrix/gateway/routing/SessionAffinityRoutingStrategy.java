package io.aibrix.gateway.routing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

import org.springframework.lang.Nullable;

/**
 * {@code session-affinity}: keeps a conversation on one engine without gateway-side state.
 * <ol>
 * <li>{@code x-session-id} (issued by this strategy) base64-decodes to the {@code host:port} of a candidate: that one.
 * Invalid base64 or an engine that is gone falls through.</li>
 * <li>{@code x-aibrix-session-key} of 1–{@value #MAX_SESSION_KEY_BYTES} bytes: rendezvous hashing, so a key keeps its
 * engine while that engine stays and only its own keys move when the set changes. Score = FNV-1a-64 over the key bytes,
 * one 0 byte (so {@code "ab"+"c"} and {@code "a"+"bc"} differ) and the address bytes; the highest unsigned score wins,
 * ties go to the lowest address.</li>
 * <li>Otherwise a random candidate.</li>
 * </ol>
 * As a {@link PostRouteHook} it answers {@code x-session-id} = base64(address of the final engine), also when it was
 * one member of a weighted combination that chose another engine. As a {@link PodScorer} it scores 1 for the affine
 * candidate (step 1 or 2) and 0 for every other, higher is better; without session headers all score 0 (neutral).
 */
final class SessionAffinityRoutingStrategy implements RoutingStrategy, PodScorer, PostRouteHook {

    static final String NAME = "session-affinity";

    static final String SESSION_ID_HEADER = "x-session-id";

    static final String SESSION_KEY_HEADER = "x-aibrix-session-key";

    static final int MAX_SESSION_KEY_BYTES = 256;

    private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;

    private static final long FNV_PRIME = 0x100000001b3L;

    private final RandomGenerator random;

    SessionAffinityRoutingStrategy(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decision route(RoutingRequest request, List<Candidate> candidates) {
        int affine = affineIndex(request, candidates);
        int chosen = affine >= 0 ? affine : random.nextInt(candidates.size());
        return Decision.of(candidates.get(chosen).endpoint());
    }

    @Override
    public void afterRoute(RoutingRequest request, Candidate chosen, Map<String, String> responseHeaders) {
        responseHeaders.put(SESSION_ID_HEADER, sessionId(chosen.endpoint().address()));
    }

    @Override
    public double[] scoreAll(RoutingRequest request, List<Candidate> candidates) {
        double[] scores = new double[candidates.size()];
        int affine = affineIndex(request, candidates);
        if (affine >= 0) {
            scores[affine] = 1;
        }
        return scores;
    }

    @Override
    public double score(RoutingRequest request, Candidate candidate) {
        return scoreAll(request, List.of(candidate))[0];
    }

    @Override
    public Polarity polarity() {
        return Polarity.HIGHER_IS_BETTER;
    }

    /** The value of {@code x-session-id} that pins a session to {@code address}. */
    static String sessionId(String address) {
        return Base64.getEncoder().encodeToString(address.getBytes(StandardCharsets.UTF_8));
    }

    /** The rendezvous score of one engine for one session key, an unsigned 64-bit value. */
    static long rendezvousScore(byte[] key, String address) {
        long hash = FNV_OFFSET_BASIS;
        for (byte b : key) {
            hash = (hash ^ (b & 0xff)) * FNV_PRIME;
        }
        hash *= FNV_PRIME; // the 0 separator byte: XOR with 0 is a no-op
        for (byte b : address.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * FNV_PRIME;
        }
        return hash;
    }

    /** Index of the candidate the session belongs to, or -1 when the request names no usable session. */
    private static int affineIndex(RoutingRequest request, List<Candidate> candidates) {
        String pinned = decodeSessionId(request.header(SESSION_ID_HEADER));
        if (pinned != null) {
            for (int i = 0; i < candidates.size(); i++) {
                if (candidates.get(i).endpoint().address().equals(pinned)) {
                    return i;
                }
            }
        }
        String key = request.header(SESSION_KEY_HEADER);
        if (key == null) {
            return -1;
        }
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        if (keyBytes.length == 0 || keyBytes.length > MAX_SESSION_KEY_BYTES) {
            return -1;
        }
        int best = -1;
        long bestScore = 0;
        String bestAddress = null;
        for (int i = 0; i < candidates.size(); i++) {
            String address = candidates.get(i).endpoint().address();
            long score = rendezvousScore(keyBytes, address);
            int order = best < 0 ? 1 : Long.compareUnsigned(score, bestScore);
            if (order > 0 || (order == 0 && address.compareTo(bestAddress) < 0)) {
                best = i;
                bestScore = score;
                bestAddress = address;
            }
        }
        return best;
    }

    private static @Nullable String decodeSessionId(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(header.strip()), StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException ex) {
            return null; // not ours or corrupted: route as if absent
        }
    }
}

package io.aibrix.gateway.routing.prefix;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.lang.Nullable;

/**
 * Where prefix ownership crosses gateway replicas: each decision of {@code prefix-cache} and
 * {@code prefix-cache-preble} (the prompt's block hashes indexed on the chosen engine, and for Preble the GPU seconds
 * of work it added to that engine's load) goes to the {@link Listener}, and another replica's decision is
 * {@link #apply applied} to the same strategy's index and load window as if this replica had routed it.
 *
 * <p>Block hashes already include the model name and the hash seed; {@link #fingerprint()} stands for everything else
 * two replicas must agree on for their hashes to mean the same blocks.
 */
public final class PrefixReplication {

    /** What a replica publishes about one decision; called on the routing thread, so it must return at once. */
    @FunctionalInterface
    public interface Listener {

        /**
         * @param strategy    the strategy's name
         * @param address     the chosen engine's {@code host:port}
         * @param hashes      the prompt's chained block hashes (not to be modified)
         * @param workSeconds GPU seconds of work the decision added to the engine's load (0 when not tracked)
         */
        void routed(String strategy, String address, long[] hashes, double workSeconds);
    }

    private static final Listener NONE = (strategy, address, hashes, workSeconds) -> { };

    private final long fingerprint;
    private final Map<String, Target> targets = new ConcurrentHashMap<>();
    private volatile Listener listener = NONE;

    PrefixReplication(long fingerprint) {
        this.fingerprint = fingerprint;
    }

    /**
     * A digest of the hash function, seed, tokenizer and block sizes: replicas whose fingerprints differ hash the same
     * prompt to different blocks and must not apply each other's decisions.
     */
    static long fingerprint(PrefixCacheProperties properties) {
        PromptHasher probe = new PromptHasher(properties.tokenizer(), 4, 2, properties.hashSeed());
        long[] characters = probe.characters("fingerprint", "fingerprint", 0).hashes();
        long[] tokens = probe.tokens("fingerprint", new int[] {1, 2, 3, 4}).hashes();
        long h = characters[characters.length - 1] * 31 + tokens[tokens.length - 1];
        h = h * 31 + properties.tokenizer().ordinal();
        h = h * 31 + properties.characterBlockSize();
        return h * 31 + properties.tokenBlockSize();
    }

    public long fingerprint() {
        return fingerprint;
    }

    /** The strategies whose decisions are shared, in name order. */
    public SortedSet<String> strategies() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(targets.keySet()));
    }

    /** Sends every later decision to {@code listener} (one listener; a second call replaces the first). */
    public void listen(Listener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Applies another replica's decision: the engine at {@code address} now holds every block of the prompt, and
     * {@code workSeconds} more work within the strategy's load window. False for a strategy this replica lacks.
     */
    public boolean apply(String strategy, String address, long[] hashes, double workSeconds) {
        Target target = targets.get(strategy);
        if (target == null) {
            return false;
        }
        target.index.record(hashes, address);
        if (target.load != null && workSeconds > 0) {
            target.load.add(address, workSeconds);
        }
        return true;
    }

    void register(String strategy, PrefixIndex index, @Nullable WorkWindows load) {
        targets.put(strategy, new Target(index, load));
    }

    /** The hook a strategy's {@link PrefixMatcher} reports its decisions to. */
    PrefixMatcher.Recorder recorder(String strategy) {
        return (address, hashes, workSeconds) -> listener.routed(strategy, address, hashes, workSeconds);
    }

    private record Target(PrefixIndex index, @Nullable WorkWindows load) {
    }
}

package io.aibrix.simulator.engine;

import java.util.Arrays;

import io.aibrix.simulator.kv.BlockHasher;
import io.aibrix.simulator.tokenizer.GeneratedWords;
import io.aibrix.simulator.tokenizer.Hashing;
import io.aibrix.simulator.tokenizer.IntList;
import io.aibrix.simulator.tokenizer.WordTokenizer;

/**
 * One request's state inside the engine: its tokens (prompt, then generated), how many have their KV computed, the
 * blocks holding that KV and the chained hashes of its full blocks. Confined to the engine thread.
 */
final class Sequence {

    private final EngineRequest request;
    private final IntList tokens;
    private final int promptLength;
    private final long replySeed;
    private final int eosAt;
    private final IntList blocks = new IntList(64);
    private long[] blockHashes;
    private int hashedBlocks;
    private int cachedInKvBlocks;
    private int numComputed;
    private int outputTokens;
    private int cachedTokens = -1;
    private int preemptions;
    private long firstScheduledNanos;
    private long firstTokenNanos;
    private long lastTokenNanos;
    private long previousTokenNanos;
    private String lastTokenText;
    private FinishReason finishReason;
    private boolean awaitsRemoteKv;
    private long remoteKvReadyNanos = -1;
    private int localHitBlocks;
    private int receivedBlocks;
    private int[] producedBlockIds;
    private boolean[] remoteTierBlocks;
    private boolean loadsFromTiers;

    Sequence(EngineRequest request, long seed) {
        this.request = request;
        this.tokens = IntList.of(request.promptTokens());
        this.promptLength = request.promptTokens().length;
        long h = seed;
        for (int token : request.promptTokens()) {
            h = Hashing.combine(h, token);
        }
        this.replySeed = h;
        this.eosAt = request.eosMeanTokens() > 0 ? geometricLength(h, request.eosMeanTokens()) : 0;
        this.blockHashes = new long[Math.max(4, promptLength / 16 + 4)];
        this.awaitsRemoteKv = request.kvTransfer().consumes();
    }

    EngineRequest request() {
        return request;
    }

    String id() {
        return request.id();
    }

    String adapter() {
        return request.adapter();
    }

    IntList tokens() {
        return tokens;
    }

    int promptLength() {
        return promptLength;
    }

    int numComputed() {
        return numComputed;
    }

    int remainingTokens() {
        return tokens.size() - numComputed;
    }

    IntList blocks() {
        return blocks;
    }

    /** A decode step computes the KV of exactly one generated token. */
    boolean isDecodeStep(int numNewTokens) {
        return numNewTokens == 1 && numComputed >= promptLength;
    }

    /** Hashes every full block of the current tokens not hashed yet; returns the number of hashed blocks. */
    int hashFullBlocks(BlockHasher hasher) {
        int full = tokens.size() / hasher.blockSize();
        if (full > blockHashes.length) {
            blockHashes = Arrays.copyOf(blockHashes, Math.max(full, blockHashes.length * 2));
        }
        while (hashedBlocks < full) {
            long parent = hashedBlocks == 0 ? 0 : blockHashes[hashedBlocks - 1];
            blockHashes[hashedBlocks] = hasher.hashBlock(parent, tokens, hashedBlocks, request.adapterKey());
            hashedBlocks++;
        }
        return hashedBlocks;
    }

    long[] blockHashes() {
        return blockHashes;
    }

    /** Full blocks whose KV is computed and whose hash is already registered in the pool. */
    int cachedInKvBlocks() {
        return cachedInKvBlocks;
    }

    void setCachedInKvBlocks(int blocksCached) {
        this.cachedInKvBlocks = blocksCached;
    }

    /** Admits (or re-admits after preemption) with {@code hitBlocks} leading blocks served from the cache. */
    void admit(int hitBlocks, int blockSize, long nowNanos) {
        numComputed = hitBlocks * blockSize;
        cachedInKvBlocks = hitBlocks;
        if (cachedTokens < 0) {
            cachedTokens = numComputed;
        }
        if (firstScheduledNanos == 0) {
            firstScheduledNanos = nowNanos;
        }
    }

    /** True from arrival until the remote prompt KV has been received and the request admitted with it. */
    boolean awaitsRemoteKv() {
        return awaitsRemoteKv;
    }

    boolean remoteKvRequested() {
        return remoteKvReadyNanos >= 0;
    }

    /** When the requested remote KV has arrived ({@link System#nanoTime()}); only meaningful once requested. */
    long remoteKvReadyNanos() {
        return remoteKvReadyNanos;
    }

    /** Nothing worth receiving (the local cache already holds what the remote has): compute it as usual. */
    void skipRemoteKv() {
        awaitsRemoteKv = false;
    }

    /** The blocks now hold {@code hitBlocks} cached blocks followed by {@code transferBlocks} being received. */
    void requestRemoteKv(int hitBlocks, int transferBlocks, long readyNanos) {
        localHitBlocks = hitBlocks;
        receivedBlocks = transferBlocks;
        remoteKvReadyNanos = readyNanos;
    }

    /** The blocks now hold {@code hitBlocks} GPU hits followed by {@code loadBlocks} loading from lower KV tiers. */
    void loadFromTiers(int hitBlocks, int loadBlocks, long readyNanos) {
        awaitsRemoteKv = true;
        loadsFromTiers = true;
        requestRemoteKv(hitBlocks, loadBlocks, readyNanos);
    }

    /** True when the KV being (or last) received came from the engine's own KV tiers, not a prefill engine. */
    boolean loadsFromTiers() {
        return loadsFromTiers;
    }

    /** Which prompt blocks the remote KV tier held when the request arrived; null when not looked up. */
    boolean[] remoteTierBlocks() {
        return remoteTierBlocks;
    }

    void setRemoteTierBlocks(boolean[] present) {
        this.remoteTierBlocks = present;
    }

    int localHitBlocks() {
        return localHitBlocks;
    }

    int receivedBlocks() {
        return receivedBlocks;
    }

    /** Admits with the received KV: {@code computed} tokens need no prefill, {@code cachedBlocks} are registered. */
    void admitWithRemoteKv(int computed, int cachedBlocks, long nowNanos) {
        awaitsRemoteKv = false;
        numComputed = computed;
        cachedInKvBlocks = cachedBlocks;
        if (cachedTokens < 0) {
            cachedTokens = computed;
        }
        if (firstScheduledNanos == 0) {
            firstScheduledNanos = nowNanos;
        }
    }

    /** Keeps the ids of the blocks whose KV is computed and full, for a remote decode to read. */
    void keepBlocksForRemoteDecode(int blockSize) {
        int full = Math.min(numComputed / blockSize, blocks.size());
        producedBlockIds = new int[full];
        for (int i = 0; i < full; i++) {
            producedBlockIds[i] = blocks.get(i);
        }
    }

    void advance(int numNewTokens) {
        numComputed += numNewTokens;
    }

    /** Samples the next token once every token's KV is computed; returns false while a prefill is still chunking. */
    boolean sampleIfReady(long nowNanos) {
        if (numComputed < tokens.size()) {
            return false;
        }
        String word = GeneratedWords.word(replySeed, outputTokens);
        int tokenId = WordTokenizer.idOf(word);
        lastTokenText = outputTokens == 0 ? word : " " + word;
        tokens.add(tokenId);
        outputTokens++;
        if (firstTokenNanos == 0) {
            firstTokenNanos = nowNanos;
        }
        previousTokenNanos = lastTokenNanos;
        lastTokenNanos = nowNanos;
        return true;
    }

    int lastToken() {
        return tokens.get(tokens.size() - 1);
    }

    String lastTokenText() {
        return lastTokenText;
    }

    /** Decides whether the sequence ends after the token just sampled. */
    FinishReason finishAfterSample(int maxModelLength) {
        if (eosAt > 0 && outputTokens >= eosAt && eosAt < request.maxOutputTokens()) {
            return FinishReason.STOP;
        }
        if (outputTokens >= request.maxOutputTokens() || tokens.size() >= maxModelLength) {
            return FinishReason.LENGTH;
        }
        return null;
    }

    /** A geometric length with the given mean (at least 1), drawn deterministically from the reply seed. */
    static int geometricLength(long seed, int mean) {
        double u = (Hashing.mix64(seed ^ 0x2545f4914f6cdd1dL) >>> 11) * 0x1.0p-53;
        double p = 1.0 / mean;
        return mean <= 1 ? 1 : (int) Math.min(Integer.MAX_VALUE, 1 + Math.floor(Math.log1p(-u) / Math.log1p(-p)));
    }

    void preempted() {
        numComputed = 0;
        cachedInKvBlocks = 0;
        blocks.clear();
        preemptions++;
    }

    void finish(FinishReason reason) {
        this.finishReason = reason;
    }

    /** Gap between the last two sampled tokens, in nanoseconds (0 before the second token). */
    long lastInterTokenNanos() {
        return outputTokens < 2 ? 0 : lastTokenNanos - previousTokenNanos;
    }

    FinishReason finishReason() {
        return finishReason;
    }

    int outputTokens() {
        return outputTokens;
    }

    FinishedRequest toFinished(long nowNanos) {
        return new FinishedRequest(request.id(), finishReason, promptLength, outputTokens, Math.max(0, cachedTokens),
                request.maxOutputTokens(), preemptions, request.arrivalNanos(), firstScheduledNanos, firstTokenNanos,
                nowNanos, producedBlockIds);
    }
}

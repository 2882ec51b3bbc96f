package io.aibrix.simulator.engine;

import java.util.ArrayList;
import java.util.List;

/** What one engine step computes: each scheduled sequence with its number of new tokens, plus the cost inputs. */
public final class StepBatch {

    private final List<Sequence> sequences = new ArrayList<>();
    private final List<Integer> newTokens = new ArrayList<>();
    private long prefillTokens;
    private int decodeSequences;
    private long decodeContextTokens;
    private double prefillAttentionPairs;
    private int distinctAdapters;
    private int adapterLoads;

    void add(Sequence sequence, int numNewTokens) {
        sequences.add(sequence);
        newTokens.add(numNewTokens);
        if (sequence.isDecodeStep(numNewTokens)) {
            decodeSequences++;
            decodeContextTokens += sequence.numComputed() + 1L;
        } else {
            prefillTokens += numNewTokens;
            prefillAttentionPairs += numNewTokens * (sequence.numComputed() + numNewTokens / 2.0);
        }
    }

    void setAdapters(int distinct, int loads) {
        this.distinctAdapters = distinct;
        this.adapterLoads = loads;
    }

    public boolean isEmpty() {
        return sequences.isEmpty();
    }

    public int size() {
        return sequences.size();
    }

    Sequence sequence(int i) {
        return sequences.get(i);
    }

    int newTokens(int i) {
        return newTokens.get(i);
    }

    public long totalTokens() {
        return prefillTokens + decodeSequences;
    }

    public long prefillTokens() {
        return prefillTokens;
    }

    public int decodeSequences() {
        return decodeSequences;
    }

    public long decodeContextTokens() {
        return decodeContextTokens;
    }

    public double prefillAttentionPairs() {
        return prefillAttentionPairs;
    }

    public int distinctAdapters() {
        return distinctAdapters;
    }

    public int adapterLoads() {
        return adapterLoads;
    }
}

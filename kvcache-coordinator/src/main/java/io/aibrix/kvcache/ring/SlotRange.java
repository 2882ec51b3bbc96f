package io.aibrix.kvcache.ring;

/** Slots {@code start..end}, both inclusive, {@code start <= end}: a range never wraps past the last slot. */
public record SlotRange(int start, int end) {

    public SlotRange {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("Invalid slot range " + start + ".." + end);
        }
    }

    public int size() {
        return end - start + 1;
    }

    public boolean contains(int slot) {
        return slot >= start && slot <= end;
    }
}

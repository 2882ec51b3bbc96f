package io.aibrix.simulator.tokenizer;

import java.util.Arrays;

/** A growable list of primitive ints (token ids, block ids) without boxing. */
public final class IntList {

    private int[] values;
    private int size;

    public IntList(int initialCapacity) {
        values = new int[Math.max(1, initialCapacity)];
    }

    public static IntList of(int[] values) {
        IntList list = new IntList(values.length + 16);
        System.arraycopy(values, 0, list.values, 0, values.length);
        list.size = values.length;
        return list;
    }

    public void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = value;
    }

    public int get(int index) {
        if (index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return values[index];
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public void clear() {
        size = 0;
    }

    public int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}

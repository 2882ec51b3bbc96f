package io.aibrix.localsuite;

import java.util.ArrayDeque;
import java.util.List;

/** The last lines a child printed, oldest first, for failure messages. Thread-safe. */
final class LogTail {

    private final int capacity;
    private final ArrayDeque<String> lines;

    LogTail(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1 but was " + capacity);
        }
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(capacity);
    }

    synchronized void add(String line) {
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}

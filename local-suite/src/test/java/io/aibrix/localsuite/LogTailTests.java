package io.aibrix.localsuite;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link LogTail}. */
class LogTailTests {

    @Test
    void keepsOnlyTheLastLinesOldestFirst() {
        LogTail tail = new LogTail(3);
        for (int i = 1; i <= 5; i++) {
            tail.add("line " + i);
        }

        assertThat(tail.lines()).containsExactly("line 3", "line 4", "line 5");
    }

    @Test
    void keepsEveryLineWhileBelowCapacity() {
        LogTail tail = new LogTail(3);
        tail.add("only");

        assertThat(tail.lines()).containsExactly("only");
    }
}

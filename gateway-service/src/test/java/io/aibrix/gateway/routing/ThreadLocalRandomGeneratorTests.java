package io.aibrix.gateway.routing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link ThreadLocalRandomGenerator}. */
class ThreadLocalRandomGeneratorTests {

    @Test
    void drawsWithinBoundsFromManyThreads() throws InterruptedException {
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        try (ExecutorService executor = Executors.newFixedThreadPool(4)) {
            for (int task = 0; task < 4; task++) {
                executor.execute(() -> {
                    for (int i = 0; i < 1_000; i++) {
                        seen.add(ThreadLocalRandomGenerator.INSTANCE.nextInt(5));
                    }
                });
            }
            executor.shutdown();
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    }
}

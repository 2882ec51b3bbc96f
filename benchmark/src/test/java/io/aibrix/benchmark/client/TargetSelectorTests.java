package io.aibrix.benchmark.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

/** Tests for {@link TargetSelector} and {@link Target}. */
class TargetSelectorTests {

    private final List<Target> targets = List.of(Target.parse("http://127.0.0.1:8000"),
            Target.parse("http://127.0.0.1:8001"), Target.parse("http://127.0.0.1:8002"));

    @Test
    void roundRobinCyclesInSendOrder() {
        TargetSelector selector = new TargetSelector(targets, TargetPolicy.ROUND_ROBIN, 1);
        assertThat(LongStream.range(0, 6).mapToObj(id -> selector.select(id).pod()).toList()).containsExactly(
                "127.0.0.1:8000", "127.0.0.1:8001", "127.0.0.1:8002", "127.0.0.1:8000", "127.0.0.1:8001",
                "127.0.0.1:8002");
    }

    @Test
    void randomChoiceDependsOnlyOnSeedAndRequestId() {
        TargetSelector a = new TargetSelector(targets, TargetPolicy.RANDOM, 5);
        TargetSelector b = new TargetSelector(targets, TargetPolicy.RANDOM, 5);
        List<Target> forward = LongStream.range(0, 100).mapToObj(a::select).toList();
        List<Target> backward = LongStream.range(0, 100).map(i -> 99 - i).mapToObj(b::select).toList().reversed();
        assertThat(forward).isEqualTo(backward);
        Map<String, Integer> counts = new HashMap<>();
        LongStream.range(0, 30_000).forEach(id -> counts.merge(a.select(id).pod(), 1, Integer::sum));
        assertThat(counts.values()).allSatisfy(n -> assertThat(n / 30_000.0).isCloseTo(1 / 3.0, within(0.02)));
    }

    @Test
    void podIsHostAndPortWithSchemeDefaults() {
        assertThat(Target.parse("http://engine-0.local").pod()).isEqualTo("engine-0.local:80");
        assertThat(Target.parse("https://gw.example").pod()).isEqualTo("gw.example:443");
        assertThat(Target.parse("http://127.0.0.1:8000/").endpoint("/v1/models"))
                .isEqualTo(URI.create("http://127.0.0.1:8000/v1/models"));
        assertThat(Target.parse("http://gw:80/prefix").endpoint("/v1/models"))
                .isEqualTo(URI.create("http://gw:80/prefix/v1/models"));
    }

    @Test
    void nonHttpUrlsAreRejectedByValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> Target.parse("localhost:8000"))
                .withMessageContaining("'localhost:8000'");
        assertThatIllegalArgumentException().isThrownBy(() -> Target.parse("http://"))
                .withMessageContaining("'http://'");
    }
}

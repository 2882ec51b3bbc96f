package io.aibrix.gateway.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.tuple;

/** Tests for {@link RoutingStrategyRegistry} (parser cases after AIBrix {@code TestParseMultiRouterConfig}). */
class RoutingStrategyRegistryTests {

    static final String ALL_NAMES = "least-gpu-cache, least-kv-cache, least-latency, least-request, power-of-two, "
            + "random, session-affinity, throughput";

    private final RoutingStrategyRegistry registry = new RoutingStrategyRegistry(builtIns());

    /** The built-in strategies, as {@link RoutingConfiguration} registers them but with a seeded random source. */
    static List<RoutingStrategy> builtIns() {
        SplittableRandom random = new SplittableRandom(3);
        return List.of(new ThroughputRoutingStrategy(FallbackRecorder.NONE), new RandomRoutingStrategy(random),
                new LeastRequestRoutingStrategy(), new LeastKvCacheRoutingStrategy(FallbackRecorder.NONE),
                new LeastGpuCacheRoutingStrategy(FallbackRecorder.NONE),
                new LeastLatencyRoutingStrategy(FallbackRecorder.NONE), new PowerOfTwoRoutingStrategy(random),
                new SessionAffinityRoutingStrategy(random));
    }

    @Test
    void listsNamesSorted() {
        assertThat(String.join(", ", registry.names())).isEqualTo(ALL_NAMES);
    }

    @Test
    void resolvesPlainName() {
        assertThat(registry.resolve("least-request")).isInstanceOf(LeastRequestRoutingStrategy.class);
        assertThat(registry.resolve(" random ")).isInstanceOf(RandomRoutingStrategy.class);
    }

    @Test
    void resolvesNonScoringStrategyOnItsOwn() {
        assertThat(registry.resolve("power-of-two").name()).isEqualTo("power-of-two");
    }

    @Test
    void rejectsUnknownNameListingValidNames() {
        assertThatExceptionOfType(UnknownRoutingStrategyException.class).isThrownBy(() -> registry.resolve("foo"))
            .withMessage("unknown routing strategy 'foo'; valid strategies: " + ALL_NAMES)
            .satisfies(ex -> {
                assertThat(ex.strategy()).isEqualTo("foo");
                assertThat(ex.validNames()).isEqualTo(registry.names());
            })
            .isInstanceOf(RoutingException.class);
    }

    @Test
    void rejectsEmptySpecificationAsUnknown() {
        assertThatExceptionOfType(UnknownRoutingStrategyException.class).isThrownBy(() -> registry.resolve(""))
            .withMessageStartingWith("unknown routing strategy ''; valid strategies: ");
    }

    @Test
    void rejectsUnknownMemberOfCombination() {
        assertThatExceptionOfType(UnknownRoutingStrategyException.class)
            .isThrownBy(() -> registry.resolve("least-request:2,least-requests"))
            .withMessage("unknown routing strategy 'least-requests'; valid strategies: " + ALL_NAMES);
    }

    @Test
    void refusesTwoStrategiesWithOneName() {
        List<RoutingStrategy> strategies = new ArrayList<>(builtIns());
        strategies.add(new LeastRequestRoutingStrategy());

        assertThatIllegalStateException().isThrownBy(() -> new RoutingStrategyRegistry(strategies))
            .withMessageStartingWith("Duplicate routing strategy 'least-request'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            least-request,least-latency                   | least-request:1,least-latency:1
            least-request:6,least-latency:4               | least-request:6,least-latency:4
            least-request:3,least-latency                 | least-request:3,least-latency:1
            least-request:0,least-latency:10              | least-latency:10
            ' least-request : 2 , throughput '            | least-request:2,throughput:1
            least-request:1                               | least-request:1
            least-kv-cache:1000000,session-affinity:007   | least-kv-cache:1000000,session-affinity:7
            random:0,least-request                        | least-request:1
            """)
    void namesCombinationByItsNormalisedSpecification(String spec, String normalised) {
        RoutingStrategy strategy = registry.resolve(spec);

        assertThat(strategy).isInstanceOf(WeightedRoutingStrategy.class);
        assertThat(strategy.name()).isEqualTo(normalised);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            least-request,,least-latency           | item 2 is empty
            least-request,                         | item 2 is empty
            ',least-request'                       | item 1 is empty
            least-request:1:2                      | item 'least-request:1:2' has more than one ':'
            :2                                     | item ':2' has no strategy name
            least-request:0.5,least-latency:0.5    | weight '0.5' of 'least-request' is not an integer in [0, 1000000]
            least-request:-1                       | weight '-1' of 'least-request' is not an integer in [0, 1000000]
            least-request:+1                       | weight '+1' of 'least-request' is not an integer in [0, 1000000]
            least-request:1000001                  | weight '1000001' of 'least-request' is not an integer in [0, 1000000]
            least-request:99999999999              | weight '99999999999' of 'least-request' is not an integer in [0, 1000000]
            least-request:                         | weight '' of 'least-request' is not an integer in [0, 1000000]
            least-request:1e3                      | weight '1e3' of 'least-request' is not an integer in [0, 1000000]
            least-request:0,least-latency:0        | all weights are 0
            least-request,least-latency:2,least-request:3 | duplicate member 'least-request'
            least-request:2,random                 | member 'random' cannot be weighted: it does not score candidates
            power-of-two:1                         | member 'power-of-two' cannot be weighted: it does not score candidates
            """)
    void rejectsMalformedCombinationNamingTheBadPart(String spec, String reason) {
        assertThatExceptionOfType(InvalidRoutingStrategyException.class).isThrownBy(() -> registry.resolve(spec))
            .withMessage("invalid routing strategy '" + spec.strip() + "': " + reason)
            .satisfies(ex -> assertThat(ex.strategy()).isEqualTo(spec.strip()))
            .isInstanceOf(RoutingException.class);
    }

    @Test
    void keepsMemberWeightsInOrder() {
        WeightedRoutingStrategy strategy = (WeightedRoutingStrategy) registry.resolve("least-request:2,least-kv-cache");

        assertThat(strategy.members()).extracting(m -> m.strategy().name(), WeightedRoutingStrategy.Member::weight)
            .containsExactly(tuple("least-request", 2),
                    tuple("least-kv-cache", 1));
    }

    @Test
    void cachesCombinationsPerSpecification() {
        RoutingStrategy first = registry.resolve("least-request:2,least-kv-cache");

        assertThat(registry.resolve("least-request:2,least-kv-cache")).isSameAs(first);
        assertThat(registry.resolve("least-request:2,least-kv-cache:1")).isNotSameAs(first)
            .extracting(RoutingStrategy::name)
            .isEqualTo(first.name());
    }

    @Test
    void boundsTheCombinationCache() {
        int specs = RoutingStrategyRegistry.MAX_CACHED_COMBINATIONS + 50;
        for (int weight = 1; weight <= specs; weight++) {
            assertThat(registry.resolve("least-request:" + weight + ",throughput").name())
                .isEqualTo("least-request:" + weight + ",throughput:1");
        }

        assertThat(registry.cachedCombinations()).isEqualTo(RoutingStrategyRegistry.MAX_CACHED_COMBINATIONS);
        String uncached = "least-request:" + specs + ",throughput";
        assertThat(registry.resolve(uncached)).isNotSameAs(registry.resolve(uncached));
    }
}

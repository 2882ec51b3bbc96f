package io.aibrix.gateway.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.routing.PodScorer.Polarity;
import io.aibrix.gateway.routing.RoutingFixtures.FixedScorer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static io.aibrix.gateway.routing.RoutingFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** Tests for {@link Router#finished} and {@link WeightedRoutingStrategy#onFinished}. */
class RouterFeedbackTests {

    private static final Endpoint TARGET = Endpoint.of("10.0.0.1", 8000);

    private final List<String> log = new ArrayList<>();

    private final Router router = router(new Learner("learner-a", log, false), new Learner("learner-b", log, false),
            new Learner("failing", log, true));

    @Test
    void tellsTheStrategyHowItsRequestEnded() {
        router.finished("learner-a", request(), TARGET, 12, 34, true);

        assertThat(log).containsExactly("learner-a req-1 10.0.0.1:8000 12/34 ok");
    }

    @Test
    void tellsEveryLearningMemberOfACombinationEvenWhenOneFails() {
        router.finished(" failing:1, least-request:2,learner-b:1,learner-a:0 ", request(), TARGET, -1, -1, false);

        assertThat(log).containsExactly("failing req-1 10.0.0.1:8000 -1/-1 failed",
                "learner-b req-1 10.0.0.1:8000 -1/-1 failed");
    }

    @Test
    void swallowsAFailingStrategyAndIgnoresStrategiesThatDoNotLearn() {
        assertThatNoException().isThrownBy(() -> {
            router.finished("failing", request(), TARGET, 1, 1, true);
            router.finished("least-request", request(), TARGET, 1, 1, true);
        });
        assertThat(log).containsExactly("failing req-1 10.0.0.1:8000 1/1 ok");
    }

    @Test
    void ignoresASpecificationThatNoLongerResolves() {
        assertThatNoException().isThrownBy(() -> router.finished("gone", request(), TARGET, 1, 1, true));
        assertThat(log).isEmpty();
    }

    private static Router router(RoutingStrategy... extra) {
        List<RoutingStrategy> strategies = new ArrayList<>(RoutingStrategyRegistryTests.builtIns());
        strategies.addAll(List.of(extra));
        return new Router(new RoutingStrategyRegistry(strategies), new SplittableRandom(1), new SimpleMeterRegistry());
    }

    /** A scorer that logs the feedback it gets, optionally failing after logging. */
    private static final class Learner extends FixedScorer implements RoutingFeedback {

        private final List<String> log;

        private final boolean fail;

        Learner(String name, List<String> log, boolean fail) {
            super(name, Polarity.HIGHER_IS_BETTER, Map.of());
            this.log = log;
            this.fail = fail;
        }

        @Override
        public void onFinished(RoutingRequest request, Endpoint target, long promptTokens, long completionTokens,
                boolean succeeded) {
            log.add(name() + " " + request.requestId() + " " + target.address() + " " + promptTokens + "/"
                    + completionTokens + " " + (succeeded ? "ok" : "failed"));
            if (fail) {
                throw new IllegalStateException(name() + " failed");
            }
        }
    }
}

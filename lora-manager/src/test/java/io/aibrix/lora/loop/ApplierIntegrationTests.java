package io.aibrix.lora.loop;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.aibrix.lora.Engines;
import io.aibrix.lora.engine.EngineClient;
import io.aibrix.lora.engine.EngineProperties;
import io.aibrix.lora.metadata.MetadataClient;
import io.aibrix.lora.metadata.MetadataProperties;
import io.aibrix.lora.reconcile.Action;
import io.aibrix.lora.reconcile.AdapterStatus;
import io.aibrix.lora.reconcile.Attempt;
import io.aibrix.lora.reconcile.DesiredAdapter;
import io.aibrix.lora.reconcile.EngineState;
import io.aibrix.lora.reconcile.LeastAdaptersPolicy;
import io.aibrix.lora.reconcile.Observation;
import io.aibrix.lora.reconcile.Reconciler;
import io.aibrix.testsupport.EngineFleetExtension;
import io.aibrix.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Applier} against a real simulated engine, with the retry numbers (5 s doubling, 5 tries)
 * on a clock the test moves.
 */
class ApplierIntegrationTests {

    @RegisterExtension
    static final EngineFleetExtension fleet = Engines.fleet(1);

    private final MutableClock clock = new MutableClock();

    private final AttemptLedger attempts = new AttemptLedger(
            new LoopProperties.Retry(Duration.ofSeconds(5), Duration.ofSeconds(300), 5));

    private final EngineClient engines = new EngineClient(new EngineProperties(Duration.ofSeconds(1),
            Duration.ofSeconds(5)), RestClient.builder(), new ObjectMapper());

    private final Applier applier = new Applier(engines, new MetadataClient(new MetadataProperties(
            URI.create("http://127.0.0.1:1"), null, Duration.ofSeconds(1)), RestClient.builder()), attempts, clock);

    private final Reconciler reconciler = new Reconciler(List.of(new LeastAdaptersPolicy()));

    @AfterEach
    void unloadEverything() {
        engines.models(engine()).adapters().keySet().forEach(name -> engines.unload(engine(), name));
    }

    @Test
    void loadsAndVerifiesAgainstTheEnginesModelList() {
        List<String> outcomes = applier.applyEngineActions(List.of(load("sql", "org/sql")));

        assertThat(outcomes).containsExactly("load sql on engine-0: ok");
        assertThat(engines.models(engine()).adapters()).containsEntry("sql", "org/sql");
        assertThat(attempts.snapshot()).isEmpty();
    }

    @Test
    void retriesARejectedLoadOnlyAfterItsBackoffAndGivesUpAfterFiveTries() {
        DesiredAdapter broken = new DesiredAdapter("broken", fleet.engine(0).model(), "/nonexistent/broken", Map.of(),
                1, LeastAdaptersPolicy.NAME, 1, AdapterStatus.INITIAL);
        Duration[] waits = {Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
                Duration.ofSeconds(40)};

        for (int tries = 1; tries <= 5; tries++) {
            List<Action> plan = plan(broken);
            assertThat(plan).filteredOn(Action.Load.class::isInstance).hasSize(1);
            assertThat(applier.applyEngineActions(plan)).singleElement().asString()
                    .contains("HTTP 404: No adapter found for /nonexistent/broken");
            Attempt attempt = attempts.snapshot().get(new Attempt.Key("broken", "engine-0"));
            assertThat(attempt.failures()).isEqualTo(tries);
            if (tries == 5) {
                assertThat(attempt.exhausted()).isTrue();
                break;
            }
            clock.advance(waits[tries - 1].minusMillis(1));
            assertThat(plan(broken)).noneMatch(Action.Load.class::isInstance);
            clock.advance(Duration.ofMillis(1));
        }
        clock.advance(Duration.ofHours(1));
        assertThat(plan(broken)).noneMatch(Action.Load.class::isInstance);
    }

    @Test
    void givesUpAtOnceWhenTheEngineRefusesTheRequestItself() {
        List<String> outcomes = applier.applyEngineActions(List.of(load("", "org/x")));

        assertThat(outcomes).singleElement().asString().contains("HTTP 400").endsWith("giving up");
    }

    @Test
    void recordsAnUnreachableEngineAsATransientFailure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort);
        List<String> outcomes = applier.applyEngineActions(List.of(new Action.Load("sql", 1, "gone", nowhere,
                "org/sql")));

        assertThat(outcomes).singleElement().asString().endsWith("will retry");
        assertThat(attempts.snapshot().get(new Attempt.Key("sql", "gone")).exhausted()).isFalse();
    }

    @Test
    void treatsUnloadingAnAdapterThatIsAlreadyGoneAsDone() {
        assertThat(applier.applyEngineActions(List.of(new Action.Unload("ghost", "engine-0", engine(), "test"))))
                .containsExactly("unload ghost from engine-0: ok (already gone)");
    }

    private List<Action> plan(DesiredAdapter adapter) {
        EngineState state = new EngineState("engine-0", engine(), Map.of(), true, true, fleet.engine(0).model(),
                engines.models(engine()).adapters());
        return reconciler.plan(new Observation(clock.instant(), List.of(state), attempts.snapshot(), Set.of(), 5),
                List.of(adapter));
    }

    private static Action.Load load(String name, String path) {
        return new Action.Load(name, 1, "engine-0", engine(), path);
    }

    private static URI engine() {
        return fleet.engine(0).baseUri();
    }
}

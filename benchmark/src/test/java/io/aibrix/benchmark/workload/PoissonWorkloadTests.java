package io.aibrix.benchmark.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Tests for {@link PoissonWorkload} and {@link RequestMix}. */
class PoissonWorkloadTests {

    @Test
    void promptHasTheRequestedNumberOfWords() {
        for (ScheduledRequest request : schedule(RequestMix.single(300, 150), 20)) {
            assertThat(request.spec().messages()).hasSize(1);
            assertThat(request.spec().messages().getFirst().content().split(" ")).hasSize(300);
            assertThat(request.spec().maxTokens()).isEqualTo(150);
            assertThat(request.spec().tags()).isEqualTo(RequestTags.NONE);
        }
    }

    @Test
    void requestMixPicksClassesByWeight() {
        List<ScheduledRequest> requests = schedule(RequestMix.parse("0.9:30:15,0.1:600:60"), 20_000);
        double longShare = requests.stream().filter(r -> r.spec().maxTokens() == 60).count() / 20_000.0;
        assertThat(longShare).isCloseTo(0.1, within(0.01));
        assertThat(requests).filteredOn(r -> r.spec().maxTokens() == 60)
                .allSatisfy(r -> assertThat(r.spec().messages().getFirst().content().split(" ")).hasSize(600));
    }

    @Test
    void requestMixRejectsMalformedClasses() {
        assertThatIllegalArgumentException().isThrownBy(() -> RequestMix.parse("0.9:300")).withMessageContaining(
                "0.9:300");
        assertThatIllegalArgumentException().isThrownBy(() -> RequestMix.parse("x:1:2")).withMessageContaining("x:1:2");
        assertThatIllegalArgumentException().isThrownBy(() -> RequestMix.parse("1:0:2"));
    }

    private static List<ScheduledRequest> schedule(RequestMix mix, long count) {
        List<ScheduledRequest> requests = new ArrayList<>();
        new PoissonWorkload(50, mix, new RandomStreams(3)).schedule(new RunLimits(null, count))
                .forEachRemaining(requests::add);
        return requests;
    }
}

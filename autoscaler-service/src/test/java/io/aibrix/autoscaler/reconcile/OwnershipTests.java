package io.aibrix.autoscaler.reconcile;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.aibrix.autoscaler.spec.ObjectMeta;
import io.aibrix.autoscaler.spec.PodAutoscaler;
import io.aibrix.autoscaler.spec.PodAutoscalerSpec;
import io.aibrix.autoscaler.spec.ScaleTargetRef;
import io.aibrix.autoscaler.spec.SubTargetSelector;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link Ownership}. */
class OwnershipTests {

    private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");

    private static Ownership.Entry entry(String name, String target, String role, long createdSecond) {
        PodAutoscaler autoscaler = new PodAutoscaler(null, null, new ObjectMeta(name, "ns", Map.of(), 1L),
                new PodAutoscalerSpec(new ScaleTargetRef("apps/v1", "Deployment", target),
                        role == null ? null : new SubTargetSelector(role), 1, 4, "KPA", List.of(), null, null,
                        List.of()), null);
        return new Ownership.Entry(autoscaler, T0.plusSeconds(createdSecond));
    }

    @Test
    void theOldestPodAutoscalerOwnsTheTarget() {
        Ownership.Entry late = entry("a-late", "llama", null, 10);
        Ownership.Entry early = entry("z-early", "llama", null, 1);
        Ownership ownership = new Ownership(List.of(late, early));

        assertThat(ownership.conflictingOwner(early.autoscaler())).isNull();
        assertThat(ownership.conflictingOwner(late.autoscaler())).isEqualTo("ns/z-early");
    }

    @Test
    void eachRoleOfATargetHasItsOwnOwner() {
        Ownership.Entry prefill = entry("prefill", "pd", "prefill", 1);
        Ownership.Entry decode = entry("decode", "pd", "decode", 2);
        Ownership.Entry whole = entry("whole", "pd", null, 3);
        Ownership ownership = new Ownership(List.of(prefill, decode, whole));

        assertThat(ownership.conflictingOwner(prefill.autoscaler())).isNull();
        assertThat(ownership.conflictingOwner(decode.autoscaler())).isNull();
        assertThat(ownership.conflictingOwner(whole.autoscaler())).isNull();
    }

    @Test
    void whenTheOwnerIsGoneTheNextOldestTakesOver() {
        Ownership.Entry second = entry("second", "llama", null, 5);

        assertThat(new Ownership(List.of(second)).conflictingOwner(second.autoscaler())).isNull();
    }
}

package io.aibrix.kvcache.ring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Tests for {@link RingBuilder} and the {@link Ring} snapshots it builds. */
class RingBuilderTests {

    private final RingBuilder builder = new RingBuilder(RingOptions.defaults());

    @Test
    void startsEmptyAtVersionZeroAndCountsEveryChangeOfMembers() {
        Ring empty = builder.empty();
        assertThat(empty.version()).isZero();
        assertThat(empty.nodeFor("block-1")).isEmpty();

        Ring one = builder.next(empty, List.of(node("a", "10.0.0.1")));
        Ring two = builder.next(one, List.of(node("a", "10.0.0.1"), node("b", "10.0.0.2")));
        Ring back = builder.next(two, List.of(node("a", "10.0.0.1")));
        Ring none = builder.next(back, List.of());

        assertThat(List.of(one.version(), two.version(), back.version(), none.version())).containsExactly(1L, 2L, 3L,
                4L);
        assertThat(one.slotCountOf("a")).isEqualTo(4096);
        assertThat(none.isEmpty()).isTrue();
    }

    @Test
    void keepsTheSameSnapshotWhenNothingChanged() {
        Ring ring = builder.next(builder.empty(), List.of(node("a", "10.0.0.1"), node("b", "10.0.0.2")));

        assertThat(builder.next(ring, List.of(node("b", "10.0.0.2"), node("a", "10.0.0.1")))).isSameAs(ring);
    }

    @Test
    void bumpsTheVersionWhenOnlyAnAddressOrPortChanges() {
        Ring ring = builder.next(builder.empty(), List.of(node("a", "10.0.0.1"), node("b", "10.0.0.2")));

        Ring moved = builder.next(ring, List.of(node("a", "10.0.0.9"), node("b", "10.0.0.2")));
        Ring newPort = builder.next(moved, List.of(new RingNode("a", "10.0.0.9", 18513, 1), node("b", "10.0.0.2")));

        assertThat(moved.version()).isEqualTo(ring.version() + 1);
        assertThat(moved.ownerNames()).containsExactly(ring.ownerNames());
        assertThat(moved.node("a")).get().extracting(RingNode::address).isEqualTo("10.0.0.9");
        assertThat(newPort.version()).isEqualTo(moved.version() + 1);
    }

    @Test
    void splitsRangesAtTheWrapAroundInsteadOfDroppingTheMiddle() {
        Ring ring = new Ring(1, 10, List.of(node("a", "10.0.0.1"), node("b", "10.0.0.2")),
                new int[] {0, 0, 1, 0, 0, 1, 1, 0, 0, 0});

        assertThat(ring.slotsOf("a")).containsExactly(new SlotRange(0, 1), new SlotRange(3, 4), new SlotRange(7, 9));
        assertThat(ring.slotsOf("b")).containsExactly(new SlotRange(2, 2), new SlotRange(5, 6));
        assertThat(ring.slotsOf("c")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Assignment.class)
    void coversEverySlotExactlyOnceWithRangesThatPartitionTheSlots(Assignment assignment) {
        RingBuilder modal = new RingBuilder(RingOptions.defaults().withAssignment(assignment));
        Ring ring = modal.next(modal.empty(), nodes(7));

        int[] seen = new int[ring.slotCount()];
        for (RingNode node : ring.nodes()) {
            for (SlotRange range : ring.slotsOf(node.name())) {
                for (int slot = range.start(); slot <= range.end(); slot++) {
                    seen[slot]++;
                    assertThat(ring.ownerOf(slot)).contains(node);
                }
            }
        }
        assertThat(seen).containsOnly(1);
    }

    @Test
    void honoursTheBoundedLoadLimit() {
        RingOptions options = new RingOptions(4096, 100, false, Assignment.BOUNDED_LOADS, 0.02);
        RingBuilder bounded = new RingBuilder(options);
        for (int n : new int[] {3, 7, 20, 64}) {
            Ring ring = bounded.next(bounded.empty(), nodes(n));
            double limit = Math.ceil((1 + options.epsilon()) * 4096.0 / n);
            assertThat(Arrays.stream(ring.loads()).max().orElseThrow()).as("%d nodes", n)
                    .isLessThanOrEqualTo((int) limit);
        }
    }

    @Test
    void honoursWeightedBoundsInProportionToCapacity() {
        RingBuilder weighted = new RingBuilder(RingOptions.defaults().withAssignment(Assignment.BOUNDED_LOADS)
                .withWeighted(true));
        List<RingNode> members = List.of(new RingNode("big", "10.0.0.1", 1, 3), new RingNode("small", "10.0.0.2", 1, 1));

        Ring ring = weighted.next(weighted.empty(), members);

        assertThat(ring.slotCountOf("big")).isLessThanOrEqualTo((int) Math.ceil(1.05 * 4096 * 3 / 4));
        assertThat(ring.slotCountOf("small")).isLessThanOrEqualTo((int) Math.ceil(1.05 * 4096 / 4));
        assertThat(ring.slotCountOf("big") + ring.slotCountOf("small")).isEqualTo(4096);
    }

    @Test
    void balancesWeightedSharesExactlyByCapacity() {
        RingBuilder weighted = new RingBuilder(RingOptions.defaults().withWeighted(true));

        Ring ring = weighted.next(weighted.empty(),
                List.of(new RingNode("big", "10.0.0.1", 1, 3), new RingNode("small", "10.0.0.2", 1, 1)));

        assertThat(ring.slotCountOf("big")).isEqualTo(3072);
        assertThat(ring.slotCountOf("small")).isEqualTo(1024);
    }

    @Test
    void movesOnlyTheJoiningNodesShareAndKeepsEveryOtherSlot() {
        Ring ring = builder.next(builder.empty(), nodes(10));
        List<RingNode> joined = new ArrayList<>(nodes(10));
        joined.add(node("newcomer", "10.0.1.1"));

        Ring after = builder.next(ring, joined);

        String[] before = ring.ownerNames();
        String[] now = after.ownerNames();
        for (int slot = 0; slot < before.length; slot++) {
            assertThat(now[slot]).isIn(before[slot], "newcomer");
        }
        assertThat(after.slotCountOf("newcomer")).isIn(372, 373);
    }

    @Test
    void movesOnlyTheLeavingNodesSlots() {
        Ring ring = builder.next(builder.empty(), nodes(10));
        List<RingNode> left = new ArrayList<>(nodes(10));
        left.remove(3);

        Ring after = builder.next(ring, left);

        String[] before = ring.ownerNames();
        String[] now = after.ownerNames();
        for (int slot = 0; slot < before.length; slot++) {
            if (!before[slot].equals("kvcache-3")) {
                assertThat(now[slot]).isEqualTo(before[slot]);
            }
        }
        assertThat(after.loads()).containsOnly(455, 456);
    }

    @Test
    void isAFunctionOfTheMembersForStatelessModes() {
        RingBuilder plain = new RingBuilder(RingOptions.defaults().withAssignment(Assignment.VIRTUAL_NODES));
        Ring direct = plain.next(plain.empty(), nodes(5));
        Ring viaDetour = plain.next(plain.next(plain.empty(), nodes(9)), nodes(5));

        assertThat(viaDetour.ownerNames()).containsExactly(direct.ownerNames());
    }

    @Test
    void resolvesAKeyThroughItsSlot() {
        Ring ring = builder.next(builder.empty(), nodes(4));

        int slot = Ring.slotOf("block-42", 4096);

        assertThat(slot).isEqualTo((int) Long.remainderUnsigned(XxHash64.hash("block-42"), 4096));
        assertThat(ring.nodeFor("block-42")).isEqualTo(ring.ownerOf(slot));
    }

    @Test
    void rejectsDuplicateMembersAndInvalidNodes() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.next(builder.empty(), List.of(node("a", "x"), node("a", "y"))))
                .withMessageContaining("Duplicate ring member a");
        assertThatIllegalArgumentException().isThrownBy(() -> new RingNode("a", "x", 0, 1))
                .withMessageContaining("port");
        assertThatIllegalArgumentException().isThrownBy(() -> new RingOptions(0, 100, false, Assignment.BALANCED, 0.1))
                .withMessageContaining("slotCount");
    }

    static List<RingNode> nodes(int n) {
        List<RingNode> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nodes.add(node("kvcache-" + i, "10.0.0." + i));
        }
        return nodes;
    }

    private static RingNode node(String name, String address) {
        return new RingNode(name, address, 18512, 1);
    }
}

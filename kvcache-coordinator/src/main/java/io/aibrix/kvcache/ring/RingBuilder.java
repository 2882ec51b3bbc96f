package io.aibrix.kvcache.ring;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Derives the next ring from the previous one and the current members. The version increases by one exactly when
 * something a client could see changed: a member joined or left, a member's address, port or capacity changed, or a
 * slot changed owner. (AIBrix compares names and slots only, so an address change keeps the old version there.)
 */
public final class RingBuilder {

    private final RingOptions options;

    private final SlotAssigner assigner;

    public RingBuilder(RingOptions options) {
        this.options = options;
        this.assigner = new SlotAssigner(options);
    }

    public RingOptions options() {
        return options;
    }

    /** The ring before any member, version 0. */
    public Ring empty() {
        return Ring.empty(options.slotCount());
    }

    /** {@code previous} itself when nothing changed, else a new ring with {@code previous.version() + 1}. */
    public Ring next(Ring previous, Collection<RingNode> members) {
        List<RingNode> nodes = new ArrayList<>(members);
        nodes.sort(Comparator.comparing(RingNode::name));
        Set<String> names = new HashSet<>();
        for (RingNode node : nodes) {
            if (!names.add(node.name())) {
                throw new IllegalArgumentException("Duplicate ring member " + node.name());
            }
        }
        Ring candidate = nodes.isEmpty() ? Ring.empty(options.slotCount())
                : new Ring(previous.version(), options.slotCount(), nodes, assigner.assign(nodes, previous));
        return candidate.sameAs(previous) ? previous : candidate.withVersion(previous.version() + 1);
    }
}

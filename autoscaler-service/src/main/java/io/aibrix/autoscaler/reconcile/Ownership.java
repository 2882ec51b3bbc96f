package io.aibrix.autoscaler.reconcile;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

import io.aibrix.autoscaler.spec.PodAutoscaler;
import io.aibrix.autoscaler.spec.ScaleTargetRef;

/**
 * One PodAutoscaler per target and role: the oldest one (then the first by name) owns it, the others are in
 * conflict. Computed afresh each round from every object, so deleting the owner hands the target on.
 */
final class Ownership {

    /** A stored PodAutoscaler with its creation time. */
    record Entry(PodAutoscaler autoscaler, Instant created) {
    }

    private final Map<String, String> ownerByTarget = new HashMap<>();

    Ownership(Collection<Entry> entries) {
        entries.stream()
                .filter(entry -> targetKey(entry.autoscaler()) != null)
                .sorted(Comparator.comparing(Entry::created).thenComparing(entry -> entry.autoscaler().key()))
                .forEach(entry -> ownerByTarget.putIfAbsent(targetKey(entry.autoscaler()), entry.autoscaler().key()));
    }

    /** The key of the PodAutoscaler that owns this one's target, if another; null when this one owns it. */
    String conflictingOwner(PodAutoscaler autoscaler) {
        String target = targetKey(autoscaler);
        String owner = target == null ? null : ownerByTarget.get(target);
        return owner == null || owner.equals(autoscaler.key()) ? null : owner;
    }

    static String targetKey(PodAutoscaler autoscaler) {
        if (autoscaler.spec() == null || autoscaler.spec().scaleTargetRef() == null) {
            return null;
        }
        ScaleTargetRef ref = autoscaler.spec().scaleTargetRef();
        if (ref.kind() == null || ref.name() == null) {
            return null;
        }
        String role = autoscaler.spec().roleName();
        return autoscaler.metadata().namespace() + "/" + ref.kind() + "/" + ref.name() + (role == null ? "" : "#" + role);
    }
}

package io.aibrix.kvcache.kubernetes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.aibrix.kvcache.ring.RingNode;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * Which pods are ring members: labelled with the cluster name and role {@code cache}, phase Running, condition Ready
 * true, not being deleted, and with a pod IP. The node's name is the pod's, its address the pod IP, its port the
 * cluster's configured port, and its capacity the optional {@link #CAPACITY} annotation (default 1).
 */
final class CachePods {

    static final String NAME_LABEL = "kvcache.orchestration.aibrix.ai/name";
    static final String ROLE_LABEL = "kvcache.orchestration.aibrix.ai/role";
    static final String CACHE_ROLE = "cache";
    static final String CAPACITY = "kvcache.orchestration.aibrix.ai/capacity";

    private CachePods() {
    }

    static Map<String, String> selector(String cluster) {
        return Map.of(NAME_LABEL, cluster, ROLE_LABEL, CACHE_ROLE);
    }

    static List<RingNode> members(Collection<Pod> pods, int port) {
        List<RingNode> nodes = new ArrayList<>();
        for (Pod pod : pods) {
            if (member(pod)) {
                nodes.add(new RingNode(pod.getMetadata().getName(), pod.getStatus().getPodIP(), port, capacity(pod)));
            }
        }
        return nodes;
    }

    static boolean member(Pod pod) {
        return pod.getMetadata() != null && pod.getMetadata().getDeletionTimestamp() == null
                && pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())
                && pod.getStatus().getPodIP() != null && !pod.getStatus().getPodIP().isBlank()
                && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(condition -> "Ready".equals(condition.getType())
                                && "True".equals(condition.getStatus()));
    }

    /** A missing or unparsable annotation counts as 1: a typo must not drop a node from the ring. */
    private static int capacity(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(CAPACITY);
        if (value == null) {
            return 1;
        }
        try {
            return Math.max(1, Integer.parseInt(value.trim()));
        }
        catch (NumberFormatException e) {
            return 1;
        }
    }
}

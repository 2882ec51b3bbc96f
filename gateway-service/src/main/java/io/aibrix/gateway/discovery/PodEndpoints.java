package io.aibrix.gateway.discovery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.endpoint.EndpointSnapshot;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;

import org.springframework.lang.Nullable;

/**
 * The pod-to-endpoint rules of the {@code kubernetes} source (AIBrix-compatible labels):
 * <ul>
 * <li>model: label {@code model.aibrix.ai/name}, else the annotation of that name (which may contain {@code /});
 * pods with neither are not engines;</li>
 * <li>ignored entirely: Ray worker pods ({@code ray.io/node-type=worker}), terminating pods (deletion timestamp
 * set), finished pods (phase Succeeded or Failed) and pods without an IP yet;</li>
 * <li>serving port: label {@code model.aibrix.ai/port} (default 8000); metrics port: label
 * {@code model.aibrix.ai/metric-port} (default the serving port); role: label {@code role-name} when it is
 * {@code prefill} or {@code decode};</li>
 * <li>ready = condition Ready is True; not-ready pods stay in the snapshot so their model stays known.</li>
 * </ul>
 * A pod whose port labels are not valid ports is left out and reported as rejected.
 */
final class PodEndpoints {

    static final String MODEL_NAME = "model.aibrix.ai/name";

    static final String PORT = "model.aibrix.ai/port";

    static final String METRIC_PORT = "model.aibrix.ai/metric-port";

    static final String ROLE = "role-name";

    static final String RAY_NODE_TYPE = "ray.io/node-type";

    static final int DEFAULT_PORT = 8000;

    private static final Comparator<Endpoint> ORDER =
            Comparator.comparing(Endpoint::name).thenComparing(Endpoint::address);

    private PodEndpoints() {
    }

    /**
     * @param snapshot models in name order, each model's endpoints in pod-name order
     * @param rejected one line per pod left out because of invalid labels ({@code namespace/name: reason})
     */
    record Result(EndpointSnapshot snapshot, Set<String> rejected) {
    }

    /** A pod that serves {@code model} through {@code endpoint}. */
    record ModelEndpoint(String model, Endpoint endpoint) {
    }

    static Result snapshot(Collection<Pod> pods) {
        Map<String, List<Endpoint>> byModel = new TreeMap<>();
        Set<String> rejected = new LinkedHashSet<>();
        for (Pod pod : pods) {
            try {
                toEndpoint(pod).ifPresent(
                        e -> byModel.computeIfAbsent(e.model(), m -> new ArrayList<>()).add(e.endpoint()));
            }
            catch (IllegalArgumentException ex) {
                rejected.add(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + ": "
                        + ex.getMessage());
            }
        }
        byModel.values().forEach(list -> list.sort(ORDER));
        return new Result(new EndpointSnapshot(byModel), rejected);
    }

    /**
     * The endpoint a pod contributes, or empty when it is not (or no longer) an engine to route to.
     *
     * @throws IllegalArgumentException when a port label is not a port
     */
    static Optional<ModelEndpoint> toEndpoint(Pod pod) {
        ObjectMeta meta = pod.getMetadata();
        Map<String, String> labels = orEmpty(meta.getLabels());
        String model = modelName(labels, orEmpty(meta.getAnnotations()));
        PodStatus status = pod.getStatus();
        if (model == null
                || "worker".equals(labels.get(RAY_NODE_TYPE))
                || meta.getDeletionTimestamp() != null
                || status == null
                || "Succeeded".equals(status.getPhase())
                || "Failed".equals(status.getPhase())
                || status.getPodIP() == null
                || status.getPodIP().isBlank()) {
            return Optional.empty();
        }
        int port = port(labels, PORT, DEFAULT_PORT);
        int metricsPort = port(labels, METRIC_PORT, port);
        String roleLabel = labels.get(ROLE);
        String role = "prefill".equals(roleLabel) || "decode".equals(roleLabel) ? roleLabel : null;
        Endpoint endpoint = new Endpoint(meta.getName(), status.getPodIP(), port, metricsPort, role, isReady(status));
        return Optional.of(new ModelEndpoint(model, endpoint));
    }

    @Nullable
    private static String modelName(Map<String, String> labels, Map<String, String> annotations) {
        String label = labels.get(MODEL_NAME);
        if (label != null && !label.isBlank()) {
            return label;
        }
        String annotation = annotations.get(MODEL_NAME);
        return annotation == null || annotation.isBlank() ? null : annotation.trim();
    }

    private static int port(Map<String, String> labels, String key, int fallback) {
        String value = labels.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        }
        catch (NumberFormatException ex) {
            // reported below
        }
        throw new IllegalArgumentException("label " + key + "='" + value + "' is not a port in 1..65535");
    }

    private static boolean isReady(PodStatus status) {
        List<PodCondition> conditions = status.getConditions();
        if (conditions == null) {
            return false;
        }
        for (PodCondition condition : conditions) {
            if ("Ready".equals(condition.getType())) {
                return "True".equals(condition.getStatus());
            }
        }
        return false;
    }

    private static Map<String, String> orEmpty(@Nullable Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}

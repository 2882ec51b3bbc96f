package io.aibrix.lora.discovery;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.aibrix.lora.engine.EngineTarget;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.lang.Nullable;

/**
 * Engines from Kubernetes pods, by the gateway's rules: pods labelled {@value #MODEL_NAME}, serving on the port of
 * label {@value #PORT} (default 8000), ready when condition Ready is True. Ray worker pods, terminating and finished
 * pods and pods without an IP are not engines. Each call lists the pods afresh (the loop calls it once a round), so
 * there is no informer cache to go stale.
 */
final class KubernetesEngineSource implements EngineSource, AutoCloseable {

    static final String NAME = "kubernetes";

    static final String MODEL_NAME = "model.aibrix.ai/name";

    static final String PORT = "model.aibrix.ai/port";

    static final String RAY_NODE_TYPE = "ray.io/node-type";

    static final int DEFAULT_PORT = 8000;

    private static final Logger log = LoggerFactory.getLogger(KubernetesEngineSource.class);

    private final KubernetesClient client;

    private final boolean ownsClient;

    private final String namespace;

    /**
     * @param ownsClient close {@code client} on {@link #close()}
     * @param namespace  blank = all namespaces
     */
    KubernetesEngineSource(KubernetesClient client, boolean ownsClient, String namespace) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.namespace = namespace;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<EngineTarget> engines() {
        List<Pod> pods = namespace.isBlank()
                ? client.pods().inAnyNamespace().withLabel(MODEL_NAME).list().getItems()
                : client.pods().inNamespace(namespace).withLabel(MODEL_NAME).list().getItems();
        List<EngineTarget> engines = new ArrayList<>();
        for (Pod pod : pods) {
            EngineTarget target = target(pod);
            if (target != null) {
                engines.add(target);
            }
        }
        engines.sort(Comparator.comparing(EngineTarget::name));
        return List.copyOf(engines);
    }

    @Nullable
    private static EngineTarget target(Pod pod) {
        ObjectMeta meta = pod.getMetadata();
        Map<String, String> labels = meta.getLabels() == null ? Map.of() : meta.getLabels();
        PodStatus status = pod.getStatus();
        if ("worker".equals(labels.get(RAY_NODE_TYPE)) || meta.getDeletionTimestamp() != null || status == null
                || "Succeeded".equals(status.getPhase()) || "Failed".equals(status.getPhase())
                || status.getPodIP() == null || status.getPodIP().isBlank()) {
            return null;
        }
        Integer port = port(labels.get(PORT));
        if (port == null) {
            log.warn("Ignoring pod {}/{}: label {}='{}' is not a port", meta.getNamespace(), meta.getName(), PORT,
                    labels.get(PORT));
            return null;
        }
        String ip = status.getPodIP();
        String host = ip.contains(":") ? "[" + ip + "]" : ip;
        boolean ready = status.getConditions() != null && status.getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        return new EngineTarget(meta.getName(), URI.create("http://" + host + ":" + port), labels, ready);
    }

    @Nullable
    private static Integer port(@Nullable String label) {
        if (label == null || label.isBlank()) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(label.trim());
            return port >= 1 && port <= 65535 ? port : null;
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }
}

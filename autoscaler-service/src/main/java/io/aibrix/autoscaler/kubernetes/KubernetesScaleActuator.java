package io.aibrix.autoscaler.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.aibrix.autoscaler.actuator.ActuatorException;
import io.aibrix.autoscaler.actuator.ScaleActuator;
import io.aibrix.autoscaler.actuator.TargetObservation;
import io.aibrix.autoscaler.metrics.PodEndpoint;
import io.aibrix.autoscaler.spec.ScaleTargetRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * Reads and sets a target's replicas on Kubernetes. Deployments and StatefulSets: {@code spec.replicas}, pods by
 * the workload's {@code matchLabels}. Any other kind is a custom resource: without a role its {@code spec.replicas};
 * with a role the {@code replicas} of that entry of {@code spec.template.spec.roles} (StormService) or
 * {@code spec.roles} (RoleSet), pods labelled {@code storm-service-name} (or {@code roleset-name}) and
 * {@code role-name}, only pod-group index 0 (the one that serves HTTP). Deployments and StatefulSets are scaled through
 * their {@code /scale} subresource; a custom resource's replicas are set with a merge (or, for a role, JSON) patch of
 * that one field, so nothing else of the object is rewritten.
 */
final class KubernetesScaleActuator implements ScaleActuator {

    static final String ROLE_NAME = "role-name";
    static final String STORM_SERVICE_NAME = "storm-service-name";
    static final String ROLESET_NAME = "roleset-name";
    static final String POD_GROUP_INDEX = "stormservice.orchestration.aibrix.ai/pod-group-index";
    static final String PORT_LABEL = "model.aibrix.ai/port";

    private final KubernetesClient client;
    private final int defaultPort;

    KubernetesScaleActuator(KubernetesClient client, int defaultPort) {
        this.client = client;
        this.defaultPort = defaultPort;
    }

    @Override
    public TargetObservation observe(String namespace, ScaleTargetRef target, String role) throws ActuatorException {
        try {
            return switch (target.kind()) {
                case "Deployment" -> {
                    Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(target.name())
                            .get();
                    require(deployment, namespace, target);
                    yield new TargetObservation(replicas(deployment.getSpec().getReplicas()),
                            readyPods(namespace, deployment.getSpec().getSelector()));
                }
                case "StatefulSet" -> {
                    StatefulSet set = client.apps().statefulSets().inNamespace(namespace).withName(target.name()).get();
                    require(set, namespace, target);
                    yield new TargetObservation(replicas(set.getSpec().getReplicas()),
                            readyPods(namespace, set.getSpec().getSelector()));
                }
                default -> observeCustom(namespace, target, role);
            };
        }
        catch (KubernetesClientException ex) {
            throw new ActuatorException(ActuatorException.FAILED_GET_SCALE, "reading " + describe(namespace, target)
                    + " failed: " + ex.getMessage(), ex);
        }
    }

    @Override
    public void scale(String namespace, ScaleTargetRef target, String role, int replicas) throws ActuatorException {
        String replicasPatch = "{\"spec\":{\"replicas\":" + replicas + "}}";
        try {
            switch (target.kind()) {
                // The scale subresource, so RBAC needs update on deployments/scale only, as for an HPA.
                case "Deployment" -> client.apps().deployments().inNamespace(namespace).withName(target.name())
                        .scale(replicas);
                case "StatefulSet" -> client.apps().statefulSets().inNamespace(namespace).withName(target.name())
                        .scale(replicas);
                default -> {
                    GenericKubernetesResource resource = custom(namespace, target);
                    if (role == null) {
                        client.genericKubernetesResources(target.apiVersion(), target.kind()).inNamespace(namespace)
                                .withName(target.name()).patch(PatchContext.of(PatchType.JSON_MERGE), replicasPatch);
                    }
                    else {
                        RolePath path = rolePath(resource, role, namespace, target);
                        String jsonPatch = "[{\"op\":\"test\",\"path\":\"" + path.pointer() + "/name\",\"value\":\""
                                + role + "\"},{\"op\":\"replace\",\"path\":\"" + path.pointer()
                                + "/replicas\",\"value\":" + replicas + "}]";
                        client.genericKubernetesResources(target.apiVersion(), target.kind()).inNamespace(namespace)
                                .withName(target.name()).patch(PatchContext.of(PatchType.JSON), jsonPatch);
                    }
                }
            }
        }
        catch (KubernetesClientException ex) {
            throw new ActuatorException(ActuatorException.FAILED_UPDATE_SCALE, "scaling " + describe(namespace, target)
                    + (role == null ? "" : " role " + role) + " to " + replicas + " failed: " + ex.getMessage(), ex);
        }
    }

    private TargetObservation observeCustom(String namespace, ScaleTargetRef target, String role)
            throws ActuatorException {
        GenericKubernetesResource resource = custom(namespace, target);
        String ownerLabel = "RoleSet".equals(target.kind()) ? ROLESET_NAME : STORM_SERVICE_NAME;
        if (role == null) {
            Object replicas = spec(resource).get("replicas");
            return new TargetObservation(replicas instanceof Number n ? n.intValue() : 1,
                    readyPods(namespace, Map.of(ownerLabel, target.name())));
        }
        RolePath path = rolePath(resource, role, namespace, target);
        Object replicas = path.role().get("replicas");
        return new TargetObservation(replicas instanceof Number n ? n.intValue() : 1,
                readyPods(namespace, Map.of(ownerLabel, target.name(), ROLE_NAME, role)));
    }

    private GenericKubernetesResource custom(String namespace, ScaleTargetRef target) throws ActuatorException {
        if (target.apiVersion() == null || !target.apiVersion().contains("/")) {
            throw new ActuatorException(ActuatorException.FAILED_GET_SCALE, "scaleTargetRef of kind " + target.kind()
                    + " needs an apiVersion group/version but has '" + target.apiVersion() + "'");
        }
        GenericKubernetesResource resource = client.genericKubernetesResources(target.apiVersion(), target.kind())
                .inNamespace(namespace).withName(target.name()).get();
        require(resource, namespace, target);
        return resource;
    }

    private record RolePath(String pointer, Map<String, Object> role) {
    }

    @SuppressWarnings("unchecked")
    private static RolePath rolePath(GenericKubernetesResource resource, String role, String namespace,
            ScaleTargetRef target) throws ActuatorException {
        Map<String, Object> spec = spec(resource);
        String prefix = "/spec";
        Object roles = spec.get("roles");
        if (roles == null && spec.get("template") instanceof Map<?, ?> template
                && ((Map<String, Object>) template).get("spec") instanceof Map<?, ?> templateSpec) {
            roles = ((Map<String, Object>) templateSpec).get("roles");
            prefix = "/spec/template/spec";
        }
        if (roles instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof Map<?, ?> entry && role.equals(entry.get("name"))) {
                    return new RolePath(prefix + "/roles/" + i, (Map<String, Object>) entry);
                }
            }
        }
        throw new ActuatorException(ActuatorException.FAILED_GET_SCALE, describe(namespace, target)
                + " has no role '" + role + "'");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource resource) {
        Object spec = resource.getAdditionalProperties().get("spec");
        return spec instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private List<PodEndpoint> readyPods(String namespace, LabelSelector selector) {
        Map<String, String> labels = selector == null || selector.getMatchLabels() == null ? Map.of()
                : selector.getMatchLabels();
        return readyPods(namespace, labels);
    }

    private List<PodEndpoint> readyPods(String namespace, Map<String, String> labels) {
        if (labels.isEmpty()) {
            return List.of();
        }
        List<PodEndpoint> ready = new ArrayList<>();
        for (Pod pod : client.pods().inNamespace(namespace).withLabels(labels).list().getItems()) {
            Map<String, String> podLabels = pod.getMetadata().getLabels() == null ? Map.of()
                    : pod.getMetadata().getLabels();
            String groupIndex = podLabels.get(POD_GROUP_INDEX);
            if (groupIndex != null && !"0".equals(groupIndex)) {
                continue;
            }
            if (isReady(pod)) {
                ready.add(new PodEndpoint(pod.getMetadata().getName(), pod.getStatus().getPodIP(),
                        port(podLabels.get(PORT_LABEL))));
            }
        }
        return ready;
    }

    static boolean isReady(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null || pod.getStatus() == null
                || pod.getStatus().getPodIP() == null || pod.getStatus().getPodIP().isBlank()
                || pod.getStatus().getConditions() == null) {
            return false;
        }
        return pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private int port(String label) {
        if (label == null) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(label.trim());
            return port >= 1 && port <= 65535 ? port : defaultPort;
        }
        catch (NumberFormatException ex) {
            return defaultPort;
        }
    }

    private static int replicas(Integer replicas) {
        return replicas == null ? 1 : replicas;
    }

    private static void require(Object resource, String namespace, ScaleTargetRef target) throws ActuatorException {
        if (resource == null) {
            throw new ActuatorException(ActuatorException.FAILED_GET_SCALE, describe(namespace, target)
                    + " not found");
        }
    }

    private static String describe(String namespace, ScaleTargetRef target) {
        return target.kind() + " " + namespace + "/" + target.name();
    }
}

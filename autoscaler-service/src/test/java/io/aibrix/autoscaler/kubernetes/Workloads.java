package io.aibrix.autoscaler.kubernetes;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Kubernetes objects the tests scale: Deployments, their pods, and a StormService with roles. */
final class Workloads {

    static final String STORM_API = "orchestration.aibrix.ai/v1alpha1";

    private Workloads() {
    }

    static Deployment deployment(KubernetesClient client, String namespace, String name, int replicas) {
        return client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("vllm").withImage("vllm/vllm-openai").endContainer()
                .endSpec().endTemplate()
                .endSpec().build()).create();
    }

    static int replicas(KubernetesClient client, String namespace, String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name).get().getSpec().getReplicas();
    }

    /** A running pod on the loopback address, serving on {@code port}. */
    static Pod pod(KubernetesClient client, String namespace, String name, Map<String, String> labels, int port,
            boolean ready) {
        return client.pods().inNamespace(namespace).resource(new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
                .addToLabels("model.aibrix.ai/port", String.valueOf(port)).endMetadata()
                .withNewSpec().addNewContainer().withName("vllm").withImage("vllm/vllm-openai").endContainer()
                .endSpec()
                .withNewStatus().withPhase("Running").withPodIP("127.0.0.1")
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus().build()).create();
    }

    static void stormServiceDefinition(KubernetesClient client) {
        CustomResourceDefinition definition = new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("stormservices.orchestration.aibrix.ai").endMetadata()
                .withNewSpec().withGroup("orchestration.aibrix.ai").withScope("Namespaced")
                .withNewNames().withKind("StormService").withPlural("stormservices").withSingular("stormservice")
                .endNames()
                .addNewVersion().withName("v1alpha1").withServed(true).withStorage(true)
                .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema().endSchema().endVersion()
                .endSpec().build();
        client.apiextensions().v1().customResourceDefinitions().resource(definition).create();
    }

    static GenericKubernetesResource stormService(KubernetesClient client, String namespace, String name,
            int prefill, int decode) {
        GenericKubernetesResource resource = new GenericKubernetesResourceBuilder()
                .withApiVersion(STORM_API).withKind("StormService")
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .addToAdditionalProperties("spec", Map.of("replicas", 1, "template", Map.of("spec", Map.of("roles",
                        List.of(Map.of("name", "prefill", "replicas", prefill),
                                Map.of("name", "decode", "replicas", decode))))))
                .build();
        return client.genericKubernetesResources(STORM_API, "StormService").inNamespace(namespace).resource(resource)
                .create();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Integer> roleReplicas(KubernetesClient client, String namespace, String name) {
        GenericKubernetesResource resource = client.genericKubernetesResources(STORM_API, "StormService")
                .inNamespace(namespace).withName(name).get();
        Map<String, Object> spec = (Map<String, Object>) resource.getAdditionalProperties().get("spec");
        Map<String, Object> template = (Map<String, Object>) ((Map<String, Object>) spec.get("template")).get("spec");
        Map<String, Integer> replicas = new java.util.TreeMap<>();
        for (Object role : (List<Object>) template.get("roles")) {
            Map<String, Object> entry = (Map<String, Object>) role;
            replicas.put((String) entry.get("name"), ((Number) entry.get("replicas")).intValue());
        }
        return replicas;
    }
}

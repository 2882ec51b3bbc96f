package io.aibrix.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** autoscaler-service in the chart: kubernetes mode, its RBAC, and the PodAutoscaler CRD the chart installs. */
class AutoscalerChartTests {

    private static final String CRD_FILE = "podautoscalers.autoscaling.aibrix.ai.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void runsTheAutoscalerInKubernetesModeWatchingTheEnginesNamespaceWithoutADatabase() throws Exception {
        Manifests manifests = Chart.renderDefaults();
        String yaml = manifests.get(ConfigMap.class, "aibrix-autoscaler").getData().get("autoscaler.yml");
        Map<String, Object> config = HelmChartTests.flatten(map(yaml));
        Deployment deployment = manifests.get(Deployment.class, "aibrix-autoscaler");

        assertThat(config).containsEntry("autoscaler.mode", "kubernetes")
                .containsEntry("autoscaler.kubernetes.namespace", Chart.NAMESPACE)
                .containsEntry("server.port", 8080)
                .doesNotContainKeys("spring.datasource.url");
        assertThat(deployment.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isTrue();
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .startsWith("aibrix/autoscaler-service:");
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .extracting(env -> env.getName()).doesNotContain("SPRING_DATASOURCE_PASSWORD");
    }

    @Test
    void grantsTheAutoscalerExactlyTheCallsItsKubernetesModeMakes() {
        Manifests manifests = Chart.renderDefaults();
        Role role = manifests.get(Role.class, "aibrix-autoscaler");

        assertThat(role.getMetadata().getNamespace()).isEqualTo(Chart.NAMESPACE);
        assertThat(rules(role.getRules())).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("autoscaling.aibrix.ai/podautoscalers", Set.of("get", "list", "watch")),
                Map.entry("autoscaling.aibrix.ai/podautoscalers/status", Set.of("update")),
                Map.entry("autoscaling.aibrix.ai/podautoscalers/finalizers", Set.of("update")),
                Map.entry("apps/deployments", Set.of("get")),
                Map.entry("apps/statefulsets", Set.of("get")),
                Map.entry("apps/deployments/scale", Set.of("get", "update")),
                Map.entry("apps/statefulsets/scale", Set.of("get", "update")),
                Map.entry("orchestration.aibrix.ai/stormservices", Set.of("get", "patch")),
                Map.entry("orchestration.aibrix.ai/rolesets", Set.of("get", "patch")),
                Map.entry("/pods", Set.of("list")),
                Map.entry("autoscaling/horizontalpodautoscalers", Set.of("get", "create", "patch"))));
        RoleBinding binding = manifests.get(RoleBinding.class, "aibrix-autoscaler");
        assertThat(binding.getRoleRef().getName()).isEqualTo("aibrix-autoscaler");
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getName()).isEqualTo("aibrix-autoscaler");
            assertThat(subject.getNamespace()).isEqualTo(Chart.NAMESPACE);
        });
    }

    @Test
    void scalesInEveryNamespaceThroughAClusterRoleOnlyWhenAskedTo() throws Exception {
        Manifests manifests = Chart.render(List.of(), Map.of("engineDiscovery.allNamespaces", true));
        String yaml = manifests.get(ConfigMap.class, "aibrix-autoscaler").getData().get("autoscaler.yml");

        assertThat(manifests.find(Role.class, "aibrix-autoscaler")).isEmpty();
        assertThat(rules(manifests.get(ClusterRole.class, "aibrix-autoscaler").getRules()))
                .containsEntry("apps/deployments/scale", Set.of("get", "update"));
        assertThat(manifests.get(ClusterRoleBinding.class, "aibrix-autoscaler").getRoleRef().getKind())
                .isEqualTo("ClusterRole");
        assertThat(HelmChartTests.flatten(map(yaml)))
                .containsEntry("autoscaler.kubernetes.namespace", "");
    }

    @Test
    void rendersNoAutoscalerObjectsWhenDisabled() {
        Manifests manifests = Chart.render(List.of(), Map.of("autoscaler.enabled", false));

        assertThat(manifests.names()).noneMatch(name -> name.endsWith("/aibrix-autoscaler"));
    }

    @Test
    void shipsTheAutoscalerServicesOwnCrdUnchanged() throws IOException {
        Path module = DeployFiles.path("autoscaler-service/src/main/resources/kubernetes/" + CRD_FILE);
        Path chart = Chart.directory().resolve("crds/" + CRD_FILE);

        assertThat(Files.readString(chart)).as("helm/aibrix/crds is a copy of autoscaler-service's CRD")
                .isEqualTo(Files.readString(module));
    }

    @Test
    void crdAcceptsKpaApaAndHpaPodAutoscalers() throws IOException {
        JSONSchemaProps schema = podAutoscalerSchema();

        for (String sample : List.of(KPA, APA, HPA)) {
            assertThat(CrdSchema.violations(schema, map(sample))).as(sample).isEmpty();
        }
    }

    @Test
    void crdRefusesAPodAutoscalerWithoutMaxReplicasOrWithMistypedFields() throws IOException {
        JSONSchemaProps schema = podAutoscalerSchema();
        String invalid = """
                apiVersion: autoscaling.aibrix.ai/v1alpha1
                kind: PodAutoscaler
                metadata: {name: llama}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: llama}
                  minReplicas: "one"
                  scalingStrategy: KPA
                  metricsSources:
                    - {metricSourceType: pod, targetMetric: num_requests_running, targetValue: 40, port: "8000"}
                  minReplica: 1
                """;

        assertThat(CrdSchema.violations(schema, map(invalid))).containsExactlyInAnyOrder(
                "spec.maxReplicas: required",
                "spec.minReplicas: one is not of type integer",
                "spec.metricsSources[0].targetValue: 40 is not of type string",
                "spec.minReplica: unknown field");
    }

    private static JSONSchemaProps podAutoscalerSchema() throws IOException {
        String text = Files.readString(Chart.directory().resolve("crds/" + CRD_FILE));
        CustomResourceDefinition crd = new KubernetesSerialization().unmarshal(text, CustomResourceDefinition.class);

        assertThat(crd.getSpec().getGroup()).isEqualTo("autoscaling.aibrix.ai");
        assertThat(crd.getSpec().getNames().getKind()).isEqualTo("PodAutoscaler");
        CustomResourceDefinitionVersion version = crd.getSpec().getVersions().stream()
                .filter(CustomResourceDefinitionVersion::getStorage).findFirst().orElseThrow();
        assertThat(version.getName()).isEqualTo("v1alpha1");
        assertThat(version.getSubresources().getStatus()).as("status is written through /status").isNotNull();
        return version.getSchema().getOpenAPIV3Schema();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(String yaml) throws IOException {
        return YAML.readValue(yaml, Map.class);
    }

    /** Rules as "group/resource" to verbs; fails on a resource granted by two rules. */
    private static Map<String, Set<String>> rules(List<PolicyRule> rules) {
        Map<String, Set<String>> byResource = new HashMap<>();
        for (PolicyRule rule : rules) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    assertThat(byResource.put(group + "/" + resource, Set.copyOf(rule.getVerbs())))
                            .as(group + "/" + resource + " granted twice").isNull();
                }
            }
        }
        return byResource;
    }

    private static final String KPA = """
            apiVersion: autoscaling.aibrix.ai/v1alpha1
            kind: PodAutoscaler
            metadata:
              name: llama3-8b-kpa
              namespace: llm
              annotations: {autoscaling.aibrix.ai/scale-down-cooldown-window: 300s}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: llama3-8b}
              minReplicas: 1
              maxReplicas: 8
              scalingStrategy: KPA
              observeWindowSeconds: 60
              panicWindowSeconds: 6
              metricsSources:
                - {metricSourceType: pod, protocolType: http, path: /metrics, port: "8000",
                   targetMetric: vllm:num_requests_running, targetValue: "40"}
            """;

    private static final String APA = """
            apiVersion: autoscaling.aibrix.ai/v1alpha1
            kind: PodAutoscaler
            metadata: {name: decode-apa, namespace: llm}
            spec:
              scaleTargetRef: {apiVersion: orchestration.aibrix.ai/v1alpha1, kind: StormService, name: pd}
              subTargetSelector: {roleName: decode}
              minReplicas: 2
              maxReplicas: 16
              scalingStrategy: APA
              metricsSources:
                - {metricSourceType: external, endpoint: "http://aibrix-gateway:8888", path: /metrics,
                   targetMetric: gateway_requests_waiting, targetValue: "10"}
              schedules:
                - {name: office-hours, timezone: Europe/Berlin, daysOfWeek: [Mon, Tue, Wed, Thu, Fri],
                   startTime: "08:00", endTime: "18:00", minReplicas: 4, maxReplicas: 16}
            status:
              desiredScale: 2
              conditions: [{type: Ready, status: "True"}]
            """;

    private static final String HPA = """
            apiVersion: autoscaling.aibrix.ai/v1alpha1
            kind: PodAutoscaler
            metadata: {name: embeddings-hpa, namespace: llm}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: StatefulSet, name: embeddings}
              maxReplicas: 4
              scalingStrategy: HPA
              metricsSources:
                - {metricSourceType: resource, targetMetric: cpu, targetValue: "70"}
            """;
}

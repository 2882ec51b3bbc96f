package io.aibrix.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tests for the Helm chart in helm/aibrix, rendered with its default values and with the vLLM example. */
class HelmChartTests {

    /** The suite's services, by the resource name suffix the chart gives them. */
    static final List<String> SERVICES = List.of("gateway", "metadata", "batch", "lora-manager", "kvcache-coordinator",
            "autoscaler");

    @Test
    void lintsStrictlyWithDefaultValues(@TempDir Path work) {
        LintResult lint = Chart.lint(work, List.of());

        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void lintsStrictlyWithTheVllmExampleValues(@TempDir Path work) {
        LintResult lint = Chart.lint(work, List.of(Chart.exampleValues()));

        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void rendersOneDeploymentServiceConfigMapServiceAccountAndBudgetPerService() {
        for (Manifests manifests : List.of(Chart.renderDefaults(), Chart.renderExample())) {
            for (String service : SERVICES) {
                String name = Chart.RELEASE + "-" + service;
                manifests.get(Deployment.class, name);
                manifests.get(Service.class, name);
                manifests.get(ConfigMap.class, name);
                manifests.get(ServiceAccount.class, name);
                manifests.get(PodDisruptionBudget.class, name);
            }
        }
    }

    @Test
    void runsSeveralGatewayReplicasByDefault() {
        Deployment gateway = Chart.renderDefaults().get(Deployment.class, "aibrix-gateway");

        assertThat(gateway.getSpec().getReplicas()).isGreaterThan(1);
    }

    @Test
    void runsEveryServiceNonRootOnAReadOnlyRootFilesystemWithProbesAndResources() {
        for (String service : SERVICES) {
            PodSpec pod = Chart.renderDefaults().get(Deployment.class, "aibrix-" + service).getSpec().getTemplate()
                    .getSpec();
            Container container = pod.getContainers().get(0);

            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(service).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).as(service).isNotZero();
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(service).isTrue();
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(service).isFalse();
            assertThat(container.getSecurityContext().getCapabilities().getDrop()).as(service).containsExactly("ALL");
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
            assertThat(container.getStartupProbe()).as(service).isNotNull();
            assertThat(container.getResources().getRequests()).as(service).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).as(service).containsKey("memory");
            assertThat(container.getVolumeMounts()).as(service)
                    .anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
        }
    }

    @Test
    void readsEveryRenderedManifestAsATypedKubernetesObject() {
        Manifests defaults = Chart.renderDefaults();
        Manifests example = Chart.renderExample();

        assertThat(defaults.all()).isNotEmpty();
        assertThat(example.all()).hasSizeGreaterThan(defaults.all().size());
        assertThat(example.all()).filteredOn(GenericKubernetesResource.class::isInstance)
                .allSatisfy(o -> assertThat(Manifests.OPERATOR_KINDS).contains(o.getKind()));
    }

    @Test
    void labelsTheExampleVllmPodsTheWayTheGatewayDiscoversEngines() {
        Deployment vllm = Chart.renderExample().get(Deployment.class, "aibrix-engine-llama3-8b");
        Map<String, String> labels = vllm.getSpec().getTemplate().getMetadata().getLabels();
        Container engine = vllm.getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(labels).containsEntry("model.aibrix.ai/name", "llama3-8b")
                .containsEntry("model.aibrix.ai/port", "8000")
                .containsEntry("model.aibrix.ai/engine", "vllm")
                .containsEntry("adapter.model.aibrix.ai/enabled", "true");
        assertThat(engine.getArgs()).contains("--served-model-name=llama3-8b", "--port=8000");
        assertThat(engine.getPorts().get(0).getContainerPort()).isEqualTo(8000);
        assertThat(engine.getResources().getLimits()).containsKey("nvidia.com/gpu");
        assertThat(vllm.getSpec().getSelector().getMatchLabels()).isNotEmpty()
                .allSatisfy((key, value) -> assertThat(labels).containsEntry(key, value));
    }

    @Test
    void pointsTheGatewayAtTheEnginesNamespaceThroughKubernetesDiscovery() throws Exception {
        Map<String, Object> gateway = configFile(Chart.renderDefaults(), "gateway", "gateway.yml");

        assertThat(flatten(gateway)).containsEntry("gateway.discovery.source", "kubernetes")
                .containsEntry("gateway.discovery.kubernetes.namespace", Chart.NAMESPACE)
                .containsEntry("gateway.batch.url", "http://aibrix-batch:8091")
                .containsEntry("gateway.auth.metadata-url", "http://aibrix-metadata:8090")
                .containsEntry("server.port", 8080);
    }

    @Test
    void grantsOnlyReadAccessToPodsInTheEnginesNamespaceToEveryServiceButTheAutoscaler() {
        Manifests manifests = Chart.renderDefaults();

        assertThat(manifests.ofType(ClusterRole.class)).isEmpty();
        // The autoscaler's writes are asserted in AutoscalerChartTests.
        List<Role> roles = manifests.ofType(Role.class).stream()
                .filter(role -> !role.getMetadata().getName().equals("aibrix-autoscaler")).toList();
        assertThat(roles).isNotEmpty().allSatisfy(role -> {
            assertThat(role.getMetadata().getNamespace()).isEqualTo(Chart.NAMESPACE);
            for (PolicyRule rule : role.getRules()) {
                assertThat(rule.getApiGroups()).containsExactly("");
                assertThat(rule.getResources()).containsExactly("pods");
                assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch");
            }
        });
        Set<String> bound = manifests.ofType(RoleBinding.class).stream()
                .filter(binding -> !binding.getMetadata().getName().equals("aibrix-autoscaler"))
                .flatMap(binding -> binding.getSubjects().stream()).map(subject -> subject.getName())
                .collect(Collectors.toSet());
        assertThat(bound).containsExactlyInAnyOrder("aibrix-gateway", "aibrix-lora-manager",
                "aibrix-kvcache-coordinator");
        for (String service : List.of("metadata", "batch")) {
            assertThat(manifests.get(Deployment.class, "aibrix-" + service).getSpec().getTemplate().getSpec()
                    .getAutomountServiceAccountToken()).as(service).isFalse();
        }
    }

    @Test
    void watchesEnginePodsClusterWideOnlyWhenAskedTo() {
        Manifests manifests = Chart.render(List.of(), Map.of("engineDiscovery.allNamespaces", true));

        ClusterRole reader = manifests.get(ClusterRole.class, "aibrix-engine-pod-reader");
        assertThat(reader.getRules()).singleElement().satisfies(rule ->
                assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch"));
    }

    @Test
    void passesCredentialsAsSecretReferencesNeverInConfigMaps() throws Exception {
        Manifests manifests = Chart.render(List.of(), Map.of("postgresql.password", "pg-secret-value",
                "redis.url", "redis://:redis-secret-value@redis:6379", "s3.bucket", "files",
                "s3.accessKeyId", "key-id-value", "s3.secretAccessKey", "s3-secret-value",
                "metadata.adminToken", "admin-token-value-0123", "metadata.internalToken", "internal-token-0123",
                "batch.gatewayApiKey", "sk-batch-key-value"));

        for (ConfigMap map : manifests.ofType(ConfigMap.class)) {
            assertThat(map.getData().values()).allSatisfy(text -> assertThat(text).doesNotContain("pg-secret-value",
                    "redis-secret-value", "s3-secret-value", "admin-token-value-0123", "internal-token-0123",
                    "sk-batch-key-value"));
        }
        assertThat(manifests.get(Secret.class, "aibrix-credentials").getData()).containsOnlyKeys(
                "postgres-password", "redis-url", "s3-access-key-id", "s3-secret-access-key",
                "batch-gateway-api-key");
        Secret tokens = manifests.get(Secret.class, "aibrix-metadata-tokens");
        assertThat(tokens.getData()).containsOnlyKeys("metadata-admin-token", "metadata-internal-token");
        assertThat(tokens.getMetadata().getAnnotations()).as("given tokens are the release's, not a hook's")
                .doesNotContainKey("helm.sh/hook");
        Container batch = manifests.get(Deployment.class, "aibrix-batch").getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        assertThat(batch.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("BATCH_STORAGE_S3_SECRETACCESSKEY");
            assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("aibrix-credentials");
        });
        assertThat(batch.getEnv()).as("the key batch lines pass the gateway's auth with").anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("BATCH_EXECUTION_APIKEY");
            assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("batch-gateway-api-key");
        });
    }

    @Test
    void readsBatchServicesGatewayKeyFromAnExistingSecret() {
        Container batch = Chart.render(List.of(), Map.of("batch.gatewayApiKeyExistingSecret", "batch-key"))
                .get(Deployment.class, "aibrix-batch").getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(batch.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("BATCH_EXECUTION_APIKEY");
            assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("batch-key");
            assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("batch-gateway-api-key");
        });
    }

    @Test
    void readsExternalCredentialsFromExistingSecrets() {
        Manifests manifests = Chart.renderExample();
        Container metadata = manifests.get(Deployment.class, "aibrix-metadata").getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        Container gateway = manifests.get(Deployment.class, "aibrix-gateway").getSpec().getTemplate().getSpec()
                .getContainers().get(0);

        assertThat(metadata.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("SPRING_DATASOURCE_PASSWORD");
            assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("aibrix-postgres");
            assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
        });
        assertThat(gateway.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("GATEWAY_REPLICAS_REDISURL");
            assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("aibrix-redis");
        });
    }

    @Test
    void refusesAShortAdminToken() {
        assertThatThrownBy(() -> Chart.render(List.of(), Map.of("metadata.adminToken", "short")))
                .hasMessageContaining("at least 16 characters");
    }

    @Test
    void rendersServiceMonitorsOnlyWhenEnabled() {
        assertThat(Chart.renderDefaults().ofKind("ServiceMonitor")).isEmpty();

        List<GenericKubernetesResource> monitors = Chart.renderExample().ofKind("ServiceMonitor");
        assertThat(monitors.stream().map(m -> m.getMetadata().getName()).toList())
                .containsExactlyInAnyOrder("aibrix-gateway", "aibrix-metadata", "aibrix-batch", "aibrix-autoscaler");
        assertThat(Chart.renderExample().ofKind("PodMonitor")).hasSize(1);
    }

    @Test
    void writesOnlyPropertiesTheReadmeDocumentsIntoTheServicesConfigFiles() throws Exception {
        Map<String, String> sections = Map.of("gateway", "Gateway", "metadata", "Metadata service",
                "batch", "Batch service", "lora-manager", "LoRA manager",
                "kvcache-coordinator", "KV-cache coordinator", "autoscaler", "Autoscaler");
        Map<String, String> files = Map.of("gateway", "gateway.yml", "metadata", "metadata.yml",
                "batch", "batch.yml", "lora-manager", "lora.yml", "kvcache-coordinator", "kvcache.yml",
                "autoscaler", "autoscaler.yml");
        var documented = ReadmeProperties.bySection();

        for (Manifests manifests : List.of(Chart.renderDefaults(), Chart.renderExample())) {
            for (String service : SERVICES) {
                var patterns = documented.get(sections.get(service));
                assertThat(patterns).as("README table " + sections.get(service)).isNotEmpty();
                for (String property : flatten(configFile(manifests, service, files.get(service))).keySet()) {
                    if (property.matches("(spring|server|management|logging)\\..*")) {
                        continue;
                    }
                    assertThat(ReadmeProperties.documented(patterns, property))
                            .as(service + ": " + property + " is in no README table").isTrue();
                }
            }
        }
    }

    @Test
    void setsOnlyDocumentedPropertiesThroughTheServicesEnvironment() {
        Map<String, String> sections = Map.of("gateway", "Gateway", "metadata", "Metadata service",
                "batch", "Batch service", "lora-manager", "LoRA manager",
                "kvcache-coordinator", "KV-cache coordinator", "autoscaler", "Autoscaler");
        var documented = ReadmeProperties.cellsBySection();
        Manifests manifests = Chart.render(List.of(), Map.of("redis.url", "redis://redis:6379", "s3.bucket", "files",
                "s3.accessKeyId", "id", "s3.secretAccessKey", "secret"));

        for (String service : SERVICES) {
            Container container = manifests.get(Deployment.class, "aibrix-" + service).getSpec().getTemplate()
                    .getSpec().getContainers().get(0);
            for (var env : container.getEnv()) {
                String name = env.getName();
                if (name.equals("JAVA_OPTS") || name.startsWith("SPRING_")) {
                    continue;
                }
                assertThat(ReadmeProperties.documentedAsEnvironment(documented.get(sections.get(service)), name))
                        .as(service + ": " + name + " is in no README table").isTrue();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> configFile(Manifests manifests, String service, String file)
            throws Exception {
        String yaml = manifests.get(ConfigMap.class, "aibrix-" + service).getData().get(file);
        assertThat(yaml).as(service + " " + file).isNotNull();
        return new ObjectMapper(new YAMLFactory()).readValue(yaml, Map.class);
    }

    /** Nested YAML maps as dotted keys, list items as [i]. */
    static Map<String, Object> flatten(Map<String, Object> nested) {
        Map<String, Object> flat = new TreeMap<>();
        flatten("", nested, flat);
        return flat;
    }

    private static void flatten(String prefix, Object value, Map<String, Object> into) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, child) -> flatten(prefix.isEmpty() ? key.toString() : prefix + "." + key, child, into));
        }
        else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), into);
            }
        }
        else {
            into.put(prefix, value);
        }
    }
}

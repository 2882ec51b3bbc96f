package io.aibrix.deploy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tests for {@link Manifests}, the strict reader the chart's rendered output goes through. */
class ManifestsTests {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 2
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                    - name: web
                      image: web:1
                      %s
            """;

    @Test
    void readsEachDocumentAsAnObjectOfItsKind() {
        Manifests manifests = Manifests.parse("---\n" + DEPLOYMENT.formatted("ports: [{containerPort: 80}]")
                + "---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web}\n");

        assertThat(manifests.get(Deployment.class, "web").getSpec().getReplicas()).isEqualTo(2);
        assertThat(manifests.names()).containsExactly("Deployment/web", "ServiceAccount/web");
    }

    @Test
    void refusesAFieldTheKindDoesNotHave() {
        assertThatThrownBy(() -> Manifests.parse(DEPLOYMENT.formatted("readinesProbe: {periodSeconds: 5}")))
                .hasMessageContaining("readinesProbe");
    }

    @Test
    void refusesAValueOfTheWrongType() {
        assertThatThrownBy(() -> Manifests.parse(DEPLOYMENT.formatted("ports: [{containerPort: eighty}]")))
                .hasMessageContaining("Deployment web");
    }

    @Test
    void refusesAKindFabric8DoesNotKnowUnlessItIsAPrometheusOperatorKind() {
        assertThatThrownBy(() -> Manifests.parse("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n"))
                .hasMessageContaining("Widget");
        assertThat(Manifests.parse("apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\n"
                + "metadata: {name: m}\nspec: {}\n").ofKind("ServiceMonitor")).hasSize(1);
    }
}

package io.aibrix.gateway.discovery;

import java.util.List;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.endpoint.EndpointSnapshot;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

import static io.aibrix.gateway.discovery.PodEndpoints.METRIC_PORT;
import static io.aibrix.gateway.discovery.PodEndpoints.MODEL_NAME;
import static io.aibrix.gateway.discovery.PodEndpoints.PORT;
import static io.aibrix.gateway.discovery.PodEndpoints.RAY_NODE_TYPE;
import static io.aibrix.gateway.discovery.PodEndpoints.ROLE;
import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link PodEndpoints}. */
class PodEndpointsTests {

    @Test
    void readyPodWithModelLabelIsAReadyEndpointOnTheDefaultPort() {
        Endpoint endpoint = only(labelled("llama-0", MODEL_NAME, "llama"), "llama");

        assertThat(endpoint).isEqualTo(new Endpoint("llama-0", "10.0.0.1", 8000, 8000, null, true));
    }

    @Test
    void annotationNamesModelsWithSlashesAndLabelWinsOverAnnotation() {
        Pod annotated = running("a").editMetadata()
                .addToAnnotations(MODEL_NAME, "meta-llama/Llama-3.1-8B-Instruct").endMetadata().build();
        Pod both = new PodBuilder(labelled("b", MODEL_NAME, "from-label")).editMetadata()
                .addToAnnotations(MODEL_NAME, "from/annotation").endMetadata().build();

        EndpointSnapshot snapshot = PodEndpoints.snapshot(List.of(annotated, both)).snapshot();

        assertThat(snapshot.models()).containsExactly("from-label", "meta-llama/Llama-3.1-8B-Instruct");
    }

    @Test
    void readsPortMetricsPortAndRoleFromLabels() {
        Endpoint endpoint = only(labelled("p", MODEL_NAME, "m", PORT, "8100", METRIC_PORT, "9100", ROLE, "prefill"),
                "m");

        assertThat(endpoint).isEqualTo(new Endpoint("p", "10.0.0.1", 8100, 9100, "prefill", true));
    }

    @Test
    void metricsPortDefaultsToTheServingPortAndUnknownRolesMeanBoth() {
        Endpoint endpoint = only(labelled("p", MODEL_NAME, "m", PORT, "8100", ROLE, "worker"), "m");

        assertThat(endpoint.metricsPort()).isEqualTo(8100);
        assertThat(endpoint.role()).isNull();
    }

    @Test
    void notReadyPodsStayKnownAsNotReady() {
        Pod notReady = new PodBuilder(labelled("p", MODEL_NAME, "m")).editStatus().editFirstCondition()
                .withStatus("False").endCondition().endStatus().build();
        Pod noConditions = new PodBuilder(labelled("p", MODEL_NAME, "m")).editStatus().withConditions(List.of())
                .endStatus().build();

        assertThat(only(notReady, "m").ready()).isFalse();
        assertThat(only(noConditions, "m").ready()).isFalse();
    }

    @Test
    void ignoresTerminatingRayWorkerFinishedUnlabelledAndIpLessPods() {
        List<Pod> pods = List.of(
                new PodBuilder(labelled("terminating", MODEL_NAME, "m")).editMetadata()
                        .withDeletionTimestamp("2026-01-01T00:00:00Z").endMetadata().build(),
                labelled("ray-worker", MODEL_NAME, "m", RAY_NODE_TYPE, "worker"),
                new PodBuilder(labelled("finished", MODEL_NAME, "m")).editStatus().withPhase("Succeeded").endStatus()
                        .build(),
                running("plain").build(),
                new PodBuilder(labelled("pending", MODEL_NAME, "m")).editStatus().withPodIP(null).endStatus().build(),
                labelled("ray-head", MODEL_NAME, "m", RAY_NODE_TYPE, "head"));

        EndpointSnapshot snapshot = PodEndpoints.snapshot(pods).snapshot();

        assertThat(snapshot.models()).containsExactly("m");
        assertThat(snapshot.endpoints("m")).extracting(Endpoint::name).containsExactly("ray-head");
    }

    @Test
    void rejectsPodsWithInvalidPortLabelsAndKeepsTheRest() {
        List<Pod> pods = List.of(
                labelled("bad", MODEL_NAME, "m", PORT, "http"),
                labelled("bad-metrics", MODEL_NAME, "m", METRIC_PORT, "0"),
                labelled("good", MODEL_NAME, "m"));

        PodEndpoints.Result result = PodEndpoints.snapshot(pods);

        assertThat(result.snapshot().endpoints("m")).extracting(Endpoint::name).containsExactly("good");
        assertThat(result.rejected()).containsExactly(
                "default/bad: label model.aibrix.ai/port='http' is not a port in 1..65535",
                "default/bad-metrics: label model.aibrix.ai/metric-port='0' is not a port in 1..65535");
    }

    @Test
    void ordersModelsAndEndpointsByName() {
        EndpointSnapshot snapshot = PodEndpoints.snapshot(List.of(labelled("b-2", MODEL_NAME, "b"),
                labelled("a-1", MODEL_NAME, "a"), labelled("b-1", MODEL_NAME, "b"))).snapshot();

        assertThat(snapshot.models()).containsExactly("a", "b");
        assertThat(snapshot.endpoints("b")).extracting(Endpoint::name).containsExactly("b-1", "b-2");
    }

    private static Endpoint only(Pod pod, String model) {
        EndpointSnapshot snapshot = PodEndpoints.snapshot(List.of(pod)).snapshot();
        assertThat(snapshot.models()).containsExactly(model);
        assertThat(snapshot.endpoints(model)).hasSize(1);
        return snapshot.endpoints(model).get(0);
    }

    /** A running, Ready pod at 10.0.0.1 carrying the given label keys and values. */
    private static Pod labelled(String name, String... keysAndValues) {
        PodBuilder builder = running(name);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            builder.editMetadata().addToLabels(keysAndValues[i], keysAndValues[i + 1]).endMetadata();
        }
        return builder.build();
    }

    private static PodBuilder running(String name) {
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewStatus().withPhase("Running").withPodIP("10.0.0.1")
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .endStatus();
    }
}

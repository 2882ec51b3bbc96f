package io.aibrix.autoscaler.kubernetes;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.aibrix.autoscaler.reconcile.HpaDelegate;
import io.aibrix.autoscaler.spec.Condition;
import io.aibrix.autoscaler.spec.MetricSource;
import io.aibrix.autoscaler.spec.PodAutoscaler;
import io.aibrix.autoscaler.spec.PodAutoscalerStatus;
import io.aibrix.autoscaler.spec.ScaleTargetRef;
import io.aibrix.autoscaler.spec.ScalingParameters;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerCondition;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * HPA-strategy PodAutoscalers: an {@code autoscaling/v2} HorizontalPodAutoscaler named {@code <name>-hpa}, owned by
 * the PodAutoscaler (so Kubernetes deletes it with it), carrying its bounds, metrics and cooldowns; its state is
 * mirrored into the PodAutoscaler's status. {@code cpu} becomes a Utilization target, {@code memory} an AverageValue
 * in MiB, any other metric a Pods metric with an AverageValue.
 */
final class HorizontalPodAutoscalers implements HpaDelegate {

    private final KubernetesClient client;
    private final Clock clock;

    HorizontalPodAutoscalers(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    static String hpaName(PodAutoscaler autoscaler) {
        return autoscaler.metadata().name() + "-hpa";
    }

    @Override
    public PodAutoscalerStatus apply(PodAutoscaler autoscaler, ScalingParameters parameters,
            PodAutoscalerStatus status) {
        Instant now = clock.instant();
        String namespace = autoscaler.metadata().namespace();
        try {
            GenericKubernetesResource owner = client.genericKubernetesResources(PodAutoscalerResources.CONTEXT)
                    .inNamespace(namespace).withName(autoscaler.metadata().name()).get();
            if (owner == null) {
                return status;
            }
            HorizontalPodAutoscaler desired = desired(autoscaler, parameters, owner);
            var hpas = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace);
            HorizontalPodAutoscaler existing = hpas.withName(desired.getMetadata().getName()).get();
            HorizontalPodAutoscaler applied = existing == null ? hpas.resource(desired).create()
                    : hpas.withName(desired.getMetadata().getName()).edit(current -> new HorizontalPodAutoscalerBuilder(
                            current).editMetadata().withAnnotations(desired.getMetadata().getAnnotations())
                            .withOwnerReferences(desired.getMetadata().getOwnerReferences()).endMetadata()
                            .withSpec(desired.getSpec()).build());
            status = status.withCondition(Condition.of(Condition.ABLE_TO_SCALE, true, "HPAConfigured",
                    "HorizontalPodAutoscaler " + hpaName(autoscaler) + " applied", now));
            if (applied.getStatus() != null) {
                status = status.withScales(applied.getStatus().getDesiredReplicas(),
                        applied.getStatus().getCurrentReplicas());
                for (HorizontalPodAutoscalerCondition condition : applied.getStatus().getConditions() == null
                        ? List.<HorizontalPodAutoscalerCondition>of() : applied.getStatus().getConditions()) {
                    if (Condition.ABLE_TO_SCALE.equals(condition.getType())
                            || Condition.SCALING_ACTIVE.equals(condition.getType())) {
                        status = status.withCondition(new Condition(condition.getType(), condition.getStatus(),
                                condition.getReason(), condition.getMessage(), now));
                    }
                }
            }
            return status.withCondition(Condition.of(Condition.READY, true, "AsExpected", "", now));
        }
        catch (KubernetesClientException ex) {
            String message = "applying HorizontalPodAutoscaler " + hpaName(autoscaler) + " failed: " + ex.getMessage();
            return status.withCondition(Condition.of(Condition.ABLE_TO_SCALE, false, "FailedApplyHPA", message, now))
                    .withCondition(Condition.of(Condition.READY, false, "FailedApplyHPA", message, now));
        }
    }

    static HorizontalPodAutoscaler desired(PodAutoscaler autoscaler, ScalingParameters parameters,
            GenericKubernetesResource owner) {
        ScaleTargetRef target = autoscaler.spec().scaleTargetRef();
        List<MetricSpec> metrics = new ArrayList<>();
        for (MetricSource source : autoscaler.spec().metricsSources()) {
            metrics.add(metric(source));
        }
        return new HorizontalPodAutoscalerBuilder()
                .withNewMetadata()
                .withName(hpaName(autoscaler))
                .withNamespace(autoscaler.metadata().namespace())
                .withAnnotations(autoscaler.metadata().annotations())
                .addToLabels("autoscaling.aibrix.ai/owner", autoscaler.metadata().name())
                .withOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion(PodAutoscaler.API_VERSION)
                        .withKind(PodAutoscaler.KIND)
                        .withName(owner.getMetadata().getName())
                        .withUid(owner.getMetadata().getUid())
                        .withController(true)
                        .withBlockOwnerDeletion(true)
                        .build())
                .endMetadata()
                .withNewSpec()
                .withNewScaleTargetRef(target.apiVersion() == null ? "apps/v1" : target.apiVersion(), target.kind(),
                        target.name())
                .withMinReplicas(autoscaler.spec().effectiveMinReplicas())
                .withMaxReplicas(autoscaler.spec().maxReplicas())
                .withMetrics(metrics)
                .withNewBehavior()
                .withNewScaleUp().withStabilizationWindowSeconds((int) parameters.scaleUpCooldown().toSeconds())
                .endScaleUp()
                .withNewScaleDown().withStabilizationWindowSeconds((int) parameters.scaleDownCooldown().toSeconds())
                .endScaleDown()
                .endBehavior()
                .endSpec()
                .build();
    }

    private static MetricSpec metric(MetricSource source) {
        String name = source.targetMetric().trim();
        String value = source.targetValue().trim();
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "cpu" -> new MetricSpecBuilder().withType("Resource").withNewResource().withName("cpu")
                    .withNewTarget().withType("Utilization").withAverageUtilization((int) Math.round(
                            Double.parseDouble(value))).endTarget().endResource().build();
            case "memory" -> new MetricSpecBuilder().withType("Resource").withNewResource().withName("memory")
                    .withNewTarget().withType("AverageValue").withAverageValue(new Quantity(value, "Mi")).endTarget()
                    .endResource().build();
            default -> new MetricSpecBuilder().withType("Pods").withNewPods().withNewMetric().withName(name)
                    .endMetric().withNewTarget().withType("AverageValue").withAverageValue(new Quantity(value))
                    .endTarget().endPods().build();
        };
    }
}

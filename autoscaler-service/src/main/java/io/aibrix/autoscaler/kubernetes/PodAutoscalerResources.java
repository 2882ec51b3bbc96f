package io.aibrix.autoscaler.kubernetes;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aibrix.autoscaler.spec.ObjectMeta;
import io.aibrix.autoscaler.spec.PodAutoscaler;
import io.aibrix.autoscaler.spec.PodAutoscalerSpec;
import io.aibrix.autoscaler.spec.PodAutoscalerStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** PodAutoscaler custom resources and their conversion to and from the service's records. */
final class PodAutoscalerResources {

    static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder()
            .withGroup("autoscaling.aibrix.ai")
            .withVersion("v1alpha1")
            .withKind(PodAutoscaler.KIND)
            .withPlural("podautoscalers")
            .withNamespaced(true)
            .build();

    private final ObjectMapper json;

    /** @param json the application's mapper; unknown fields are ignored here, since the CRD schema governs them */
    PodAutoscalerResources(ObjectMapper json) {
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    PodAutoscaler toAutoscaler(GenericKubernetesResource resource) {
        io.fabric8.kubernetes.api.model.ObjectMeta meta = resource.getMetadata();
        ObjectMeta metadata = new ObjectMeta(meta.getName(), meta.getNamespace(), meta.getAnnotations(),
                meta.getGeneration());
        Object spec = resource.getAdditionalProperties().get("spec");
        Object status = resource.getAdditionalProperties().get("status");
        return new PodAutoscaler(resource.getApiVersion(), resource.getKind(), metadata,
                spec == null ? null : json.convertValue(spec, PodAutoscalerSpec.class),
                status == null ? null : json.convertValue(status, PodAutoscalerStatus.class));
    }

    static Instant created(GenericKubernetesResource resource) {
        String timestamp = resource.getMetadata().getCreationTimestamp();
        return timestamp == null ? Instant.EPOCH : Instant.parse(timestamp);
    }

    Map<String, Object> toMap(Object value) {
        return json.convertValue(value, new TypeReference<>() {
        });
    }
}

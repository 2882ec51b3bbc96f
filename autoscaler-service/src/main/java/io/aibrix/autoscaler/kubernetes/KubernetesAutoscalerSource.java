package io.aibrix.autoscaler.kubernetes;

import java.util.List;

import io.aibrix.autoscaler.reconcile.AutoscalerSource;
import io.aibrix.autoscaler.spec.PodAutoscaler;
import io.aibrix.autoscaler.spec.PodAutoscalerStatus;
import io.aibrix.autoscaler.store.StoredAutoscaler;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PodAutoscaler custom resources from an informer (a watch with a local cache), and their status written back through
 * the status subresource on the latest version of the object. A status write that loses a race with another writer
 * is dropped; the next round writes again.
 */
final class KubernetesAutoscalerSource implements AutoscalerSource, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KubernetesAutoscalerSource.class);

    private final KubernetesClient client;
    private final PodAutoscalerResources resources;
    private final SharedIndexInformer<GenericKubernetesResource> informer;

    /** @param namespace blank = every namespace */
    KubernetesAutoscalerSource(KubernetesClient client, PodAutoscalerResources resources, String namespace) {
        this.client = client;
        this.resources = resources;
        var operation = client.genericKubernetesResources(PodAutoscalerResources.CONTEXT);
        this.informer = namespace.isBlank() ? operation.inAnyNamespace().inform()
                : operation.inNamespace(namespace).inform();
    }

    @Override
    public List<StoredAutoscaler> list() {
        return informer.getStore().list().stream()
                .map(resource -> new StoredAutoscaler(resources.toAutoscaler(resource),
                        PodAutoscalerResources.created(resource)))
                .toList();
    }

    @Override
    public void writeStatus(PodAutoscaler autoscaler, PodAutoscalerStatus status) {
        try {
            GenericKubernetesResource latest = client.genericKubernetesResources(PodAutoscalerResources.CONTEXT)
                    .inNamespace(autoscaler.metadata().namespace()).withName(autoscaler.metadata().name()).get();
            if (latest == null) {
                return;
            }
            latest.setAdditionalProperty("status", resources.toMap(status));
            client.genericKubernetesResources(PodAutoscalerResources.CONTEXT)
                    .inNamespace(autoscaler.metadata().namespace()).resource(latest).updateStatus();
        }
        catch (KubernetesClientException ex) {
            log.info("status of {} not written ({}); the next round retries", autoscaler.key(), ex.getMessage());
        }
    }

    @Override
    public void close() {
        informer.close();
    }
}

package io.aibrix.kvcache.kubernetes;

import io.aibrix.kvcache.membership.ClusterRegistry;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.lang.Nullable;

/**
 * Keeps one cluster's membership equal to its ready cache pods: a pod informer (label selector on the cluster name
 * and role {@code cache}) whose every event, after the initial list, replaces the members with those its cache
 * holds. A pod that stops being ready or starts terminating leaves at once; the informer re-lists on its own after
 * an API-server outage, and the ring stays as it was meanwhile.
 */
final class KubernetesMembership implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KubernetesMembership.class);

    private final KubernetesClient client;

    private final ClusterRegistry registry;

    private final String cluster;

    private final String namespace;

    private final int port;

    private @Nullable SharedIndexInformer<Pod> informer;

    /** @param namespace blank = all namespaces */
    KubernetesMembership(KubernetesClient client, ClusterRegistry registry, String cluster, String namespace,
            int port) {
        this.client = client;
        this.registry = registry;
        this.cluster = cluster;
        this.namespace = namespace;
        this.port = port;
    }

    synchronized void start() {
        FilterWatchListDeletable<Pod, PodList, PodResource> pods = namespace.isBlank()
                ? client.pods().inAnyNamespace().withLabels(CachePods.selector(cluster))
                : client.pods().inNamespace(namespace).withLabels(CachePods.selector(cluster));
        SharedIndexInformer<Pod> started = pods.runnableInformer(0);
        started.addEventHandler(new ResourceEventHandler<Pod>() {

            @Override
            public void onAdd(Pod pod) {
                sync(started);
            }

            @Override
            public void onUpdate(Pod before, Pod after) {
                sync(started);
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                sync(started);
            }
        });
        started.start().whenComplete((ignored, error) -> {
            if (error == null) {
                sync(started);
            }
            else {
                log.error("Pod informer of cluster {} stopped", cluster, error);
            }
        });
        informer = started;
    }

    /** Events of the initial list come before the informer has synced: the sync after {@code start} covers them. */
    private void sync(SharedIndexInformer<Pod> source) {
        if (source.hasSynced()) {
            registry.replaceMembers(cluster, CachePods.members(source.getStore().list(), port));
        }
    }

    @Override
    public synchronized void close() {
        if (informer != null) {
            informer.stop();
            informer = null;
        }
    }
}

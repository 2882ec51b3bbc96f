package io.aibrix.gateway.discovery;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import io.aibrix.gateway.endpoint.EndpointSnapshot;
import io.aibrix.gateway.endpoint.EndpointSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Engines from Kubernetes pods ({@link PodEndpoints} has the rules). Subscribing starts a pod informer (off the
 * caller's thread); after its initial list, every informer event rebuilds the snapshot from the informer's cache.
 * Events within {@code coalesceWindow} collapse into one rebuild, and a rebuild equal to the previous snapshot is not
 * emitted. While the API server is unreachable the informer retries on its own and the last snapshot stays.
 */
final class KubernetesEndpointSource implements EndpointSource, AutoCloseable {

    static final String NAME = "kubernetes";

    private static final Logger log = LoggerFactory.getLogger(KubernetesEndpointSource.class);

    private final KubernetesClient client;

    private final boolean ownsClient;

    private final String namespace;

    private final Duration coalesceWindow;

    private final OutageLog outage;

    private final Sinks.Empty<Void> closed = Sinks.empty();

    /** Pods reported as rejected by the previous rebuild, so each is logged once; rebuilds are serial. */
    private volatile Set<String> rejected = Set.of();

    /**
     * @param ownsClient close {@code client} on {@link #close()} (it was created for this source, not a shared bean)
     * @param namespace  blank = all namespaces
     */
    KubernetesEndpointSource(KubernetesClient client, boolean ownsClient, String namespace, Duration coalesceWindow,
            Clock clock) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.namespace = namespace;
        this.coalesceWindow = coalesceWindow;
        this.outage = new OutageLog(log,
                "Kubernetes API (pods in " + (namespace.isEmpty() ? "all namespaces" : namespace) + ")", clock);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Flux<EndpointSnapshot> snapshots() {
        Flux<SharedIndexInformer<Pod>> changes = Flux.<SharedIndexInformer<Pod>>create(this::inform)
                .onBackpressureLatest()
                .subscribeOn(Schedulers.boundedElastic());
        if (!coalesceWindow.isZero()) {
            changes = changes.sample(coalesceWindow);
        }
        return changes.map(this::rebuild)
                .distinctUntilChanged()
                .takeUntilOther(closed.asMono());
    }

    /** Starts an informer that signals its own cache whenever it (re)synced or saw an event; stops it on cancel. */
    private void inform(FluxSink<SharedIndexInformer<Pod>> sink) {
        Informable<Pod> pods = namespace.isEmpty()
                ? client.pods().inAnyNamespace()
                : client.pods().inNamespace(namespace);
        SharedIndexInformer<Pod> informer = pods.runnableInformer(0);
        informer.exceptionHandler((started, error) -> {
            outage.failure(error.toString());
            return true;
        });
        informer.addEventHandler(new ResourceEventHandler<Pod>() {

            @Override
            public void onAdd(Pod pod) {
                changed();
            }

            @Override
            public void onUpdate(Pod before, Pod after) {
                changed();
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                changed();
            }

            @Override
            public void onNothing() {
                changed();
            }

            // Events of the initial list come before the informer has synced: one signal after the sync covers them.
            private void changed() {
                outage.success();
                if (informer.hasSynced()) {
                    sink.next(informer);
                }
            }
        });
        sink.onDispose(informer::stop);
        informer.start().whenComplete((ignored, error) -> {
            if (error == null) {
                outage.success();
                sink.next(informer);
            }
            else if (!sink.isCancelled()) {
                log.error("Pod informer stopped", error);
            }
        });
    }

    private EndpointSnapshot rebuild(SharedIndexInformer<Pod> informer) {
        PodEndpoints.Result result = PodEndpoints.snapshot(informer.getStore().list());
        Set<String> fresh = new HashSet<>(result.rejected());
        fresh.removeAll(rejected);
        fresh.forEach(reason -> log.warn("Ignoring pod {}", reason));
        rejected = result.rejected();
        return result.snapshot();
    }

    @Override
    public void close() {
        closed.tryEmitEmpty();
        if (ownsClient) {
            client.close();
        }
    }
}

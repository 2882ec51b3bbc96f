package io.aibrix.kvcache.kubernetes;

import java.util.ArrayList;
import java.util.List;

import io.aibrix.kvcache.membership.ClusterRegistry;
import io.aibrix.kvcache.membership.MembershipProperties;
import io.aibrix.kvcache.membership.MembershipProperties.Source;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Pod watchers for the clusters whose {@code source} is {@code kubernetes}. A Kubernetes client is created (from the
 * in-cluster service account or kubeconfig) only when such a cluster exists and no client bean is provided.
 */
@Configuration(proxyBeanMethods = false)
class KubernetesConfiguration {

    @Bean
    KubernetesMemberships kubernetesMemberships(MembershipProperties properties, ClusterRegistry registry,
            ObjectProvider<KubernetesClient> clients) {
        return new KubernetesMemberships(properties, registry, clients);
    }

    /** Starts and stops one {@link KubernetesMembership} per Kubernetes cluster with the context. */
    static final class KubernetesMemberships implements SmartLifecycle {

        private final MembershipProperties properties;

        private final ClusterRegistry registry;

        private final ObjectProvider<KubernetesClient> clients;

        private final List<KubernetesMembership> running = new ArrayList<>();

        private KubernetesClient ownedClient;

        KubernetesMemberships(MembershipProperties properties, ClusterRegistry registry,
                ObjectProvider<KubernetesClient> clients) {
            this.properties = properties;
            this.registry = registry;
            this.clients = clients;
        }

        @Override
        public synchronized void start() {
            properties.clusters().forEach((name, cluster) -> {
                if (cluster.source() == Source.KUBERNETES) {
                    KubernetesMembership membership = new KubernetesMembership(client(), registry, name,
                            cluster.namespace(), cluster.port());
                    membership.start();
                    running.add(membership);
                }
            });
        }

        private KubernetesClient client() {
            KubernetesClient shared = clients.getIfAvailable();
            if (shared != null) {
                return shared;
            }
            if (ownedClient == null) {
                ownedClient = new KubernetesClientBuilder().build();
            }
            return ownedClient;
        }

        @Override
        public synchronized void stop() {
            running.forEach(KubernetesMembership::close);
            running.clear();
            if (ownedClient != null) {
                ownedClient.close();
                ownedClient = null;
            }
        }

        @Override
        public synchronized boolean isRunning() {
            return !running.isEmpty();
        }
    }
}

package io.aibrix.autoscaler.kubernetes;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aibrix.autoscaler.actuator.ScaleActuator;
import io.aibrix.autoscaler.reconcile.HpaDelegate;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Kubernetes mode ({@code autoscaler.mode=kubernetes}): CRD objects, the scale actuator and HPA delegation. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "autoscaler.mode", havingValue = "kubernetes")
class KubernetesConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    KubernetesClient kubernetesClient() {
        return new KubernetesClientBuilder().build();
    }

    @Bean(destroyMethod = "close")
    KubernetesAutoscalerSource kubernetesAutoscalerSource(KubernetesClient client, ObjectMapper json,
            KubernetesProperties properties) {
        return new KubernetesAutoscalerSource(client, new PodAutoscalerResources(json), properties.namespace());
    }

    @Bean
    ScaleActuator kubernetesScaleActuator(KubernetesClient client, KubernetesProperties properties) {
        return new KubernetesScaleActuator(client, properties.defaultPodPort());
    }

    @Bean
    HpaDelegate horizontalPodAutoscalers(KubernetesClient client, Clock clock) {
        return new HorizontalPodAutoscalers(client, clock);
    }
}

package io.aibrix.autoscaler.fleet;

import java.net.http.HttpClient;
import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The local engine fleet is the actuator in the local mode. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "autoscaler.mode", havingValue = "local", matchIfMissing = true)
class FleetConfiguration {

    @Bean(destroyMethod = "close")
    LocalFleet localFleet(FleetProperties properties, HttpClient autoscalerHttpClient, Clock clock) {
        return new LocalFleet(properties, autoscalerHttpClient, clock);
    }
}

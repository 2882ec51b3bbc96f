package io.aibrix.batch.leases;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wires the {@link LeaseManager} with this node's name. */
@Configuration(proxyBeanMethods = false)
class LeasesConfiguration {

    @Bean
    LeaseManager leaseManager(JdbcClient jdbc, LeaseProperties properties) {
        String node = properties.nodeId() != null && !properties.nodeId().isBlank() ? properties.nodeId()
                : hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
        return new LeaseManager(jdbc, node, properties.duration(), properties.heartbeatInterval());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "node";
        }
    }
}

package io.aibrix.kvcache.membership;

import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

import io.aibrix.kvcache.membership.MembershipProperties.Source;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The cluster registry and its lease sweeper. */
@Configuration(proxyBeanMethods = false)
class MembershipConfiguration {

    @Bean
    ClusterRegistry clusterRegistry(MembershipProperties properties, Clock clock) {
        Map<String, Source> sources = new TreeMap<>();
        properties.clusters().forEach((name, cluster) -> sources.put(name, cluster.source()));
        return new ClusterRegistry(sources, properties.ring().options(), properties.leaseTtl(), clock);
    }

    @Bean
    LeaseSweeper leaseSweeper(ClusterRegistry registry, MembershipProperties properties) {
        return new LeaseSweeper(registry, properties.sweepInterval());
    }
}

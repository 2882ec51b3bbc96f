package io.aibrix.kvcache;

import io.aibrix.kvcache.membership.ClusterRegistry;
import io.aibrix.testsupport.EmbeddedRedisExtension;
import io.aibrix.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running coordinator, shared by every integration test class (one Spring context): two registration clusters,
 * {@code default} (Redis key {@code kvcache_nodes}) and {@code second} (key {@code second_nodes}), a real embedded
 * Redis, a 1 s watch timeout, and few platform request threads so that parked watches would show if they held one.
 * Each test starts with empty clusters and the clock at its start instant.
 */
@SpringBootTest(classes = KvCacheApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + KvCacheApplication.CONFIG_NAME,
                "kvcache.clusters.second.redis-key=second_nodes",
                "kvcache.lease-ttl=30s",
                "kvcache.sweep-interval=50ms",
                "kvcache.publication.watch-timeout=1s",
                "spring.threads.virtual.enabled=false",
                "server.tomcat.threads.max=4",
                "server.tomcat.threads.min-spare=1"})
@Import(KvCacheIntegrationTest.TestClock.class)
public abstract class KvCacheIntegrationTest {

    @RegisterExtension
    protected static final EmbeddedRedisExtension redis = EmbeddedRedisExtension.create();

    @LocalServerPort
    private int port;

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected ClusterRegistry registry;

    protected Api api;

    @DynamicPropertySource
    static void redisUrl(DynamicPropertyRegistry properties) {
        properties.add("kvcache.publication.redis.url", () -> redis.uri().toString());
    }

    @BeforeEach
    void emptyClusters() {
        clock.set(new MutableClock().instant());
        for (String cluster : registry.clusterNames()) {
            registry.members(cluster).forEach(member -> registry.deregister(cluster, member.node().name()));
        }
        api = new Api("http://127.0.0.1:" + port);
    }

    /** The test clock replaces the system clock everywhere in the service. */
    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock();
        }
    }
}

package io.aibrix.simulator.cachenode;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.lang.Nullable;
import org.springframework.validation.annotation.Validated;

/**
 * A simulated KV cache node ({@code cache-node.*}), the simulator's L2 mode: it holds block hashes up to a capacity
 * and registers with a kvcache-coordinator so engines find it through the ring.
 *
 * @param enabled run as a cache node instead of an engine
 * @param name member name in the cluster (DNS-1123); default {@code cache-node-<port>}
 * @param coordinator the coordinator's base URL; none = not registered (engines cannot find it)
 * @param cluster the cluster to join
 * @param address the address engines reach this node on
 * @param capacityBlocks blocks held before eviction
 * @param eviction eviction policy: {@code s3fifo} or {@code lru}
 * @param heartbeatInterval lease renewal period; keep it well under the coordinator's lease TTL (30 s)
 */
@ConfigurationProperties("cache-node")
@Validated
public record CacheNodeProperties(
        @DefaultValue("false") boolean enabled,
        @Nullable String name,
        @Nullable URI coordinator,
        @NotBlank @DefaultValue("default") String cluster,
        @NotBlank @DefaultValue("127.0.0.1") String address,
        @Positive @DefaultValue("65536") int capacityBlocks,
        @NotBlank @DefaultValue("s3fifo") String eviction,
        @NotNull @DurationMin(millis = 100) @DefaultValue("5s") Duration heartbeatInterval) {
}

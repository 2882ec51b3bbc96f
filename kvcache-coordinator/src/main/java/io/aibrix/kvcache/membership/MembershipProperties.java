package io.aibrix.kvcache.membership;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import io.aibrix.kvcache.ring.Assignment;
import io.aibrix.kvcache.ring.RingOptions;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.lang.Nullable;
import org.springframework.validation.annotation.Validated;

/**
 * {@code kvcache.*}: the ring's shape, the registration lease, and the named clusters.
 *
 * @param ring          {@code kvcache.ring.*}, shared by every cluster
 * @param leaseTtl      a self-registered node leaves when no heartbeat renewed its lease for this long
 * @param sweepInterval how often expired leases are looked for
 * @param clusters      {@code kvcache.clusters.<name>.*}; the names are the clusters the API knows
 */
@ConfigurationProperties("kvcache")
@Validated
public record MembershipProperties(
        @DefaultValue @Valid RingSettings ring,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("30s") Duration leaseTtl,
        @NotNull @DurationMin(millis = 10) @DefaultValue("1s") Duration sweepInterval,
        @Nullable Map<String, @Valid ClusterSettings> clusters) {

    public MembershipProperties {
        clusters = clusters == null ? Map.of() : Map.copyOf(new TreeMap<>(clusters));
        Set<String> keys = new HashSet<>();
        clusters.forEach((name, cluster) -> {
            if (!ClusterNames.valid(name)) {
                throw new IllegalArgumentException("kvcache.clusters." + name + ": not a valid cluster name "
                        + "(lower-case letters, digits, '-' and '.')");
            }
            if (!keys.add(cluster.redisKey())) {
                throw new IllegalArgumentException("kvcache.clusters." + name + ".redis-key '" + cluster.redisKey()
                        + "' is used by another cluster; give each cluster its own key");
            }
        });
    }

    /**
     * @param slots        number of slots ({@code xxh64(key) mod slots})
     * @param virtualNodes virtual nodes per node (per node of mean capacity when weighted)
     * @param weighted     shares and virtual nodes proportional to each node's capacity
     * @param assignment   {@code balanced}, {@code bounded-loads} or {@code virtual-nodes}
     * @param epsilon      load bound of {@code bounded-loads}: at most {@code (1 + epsilon)} × mean slots per node
     */
    public record RingSettings(
            @Min(1) @Max(1_048_576) @DefaultValue("4096") int slots,
            @Min(1) @Max(10_000) @DefaultValue("100") int virtualNodes,
            @DefaultValue("false") boolean weighted,
            @NotNull @DefaultValue("balanced") Assignment assignment,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("10") @DefaultValue("0.05") double epsilon) {

        public RingOptions options() {
            return new RingOptions(slots, virtualNodes, weighted, assignment, epsilon);
        }
    }

    /**
     * @param source    {@code registration} (nodes register and heartbeat) or {@code kubernetes} (pods)
     * @param namespace namespace of the cache pods ({@code kubernetes}); blank = all namespaces
     * @param port      data port of the cache pods ({@code kubernetes}); AIBrix's RDMA port by default
     * @param redisKey  the Redis key of the AIBrix ring document ({@code kvcache_nodes} for InfiniStore clients,
     *                  {@code hpkv_cluster_metadata} for HPKV)
     */
    public record ClusterSettings(
            @NotNull @DefaultValue("registration") Source source,
            @DefaultValue("default") String namespace,
            @Min(1) @Max(65_535) @DefaultValue("18512") int port,
            @NotBlank @DefaultValue("kvcache_nodes") String redisKey) {
    }

    /** Where a cluster's members come from. */
    public enum Source {
        REGISTRATION, KUBERNETES
    }
}

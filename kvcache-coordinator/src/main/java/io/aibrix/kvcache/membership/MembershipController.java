package io.aibrix.kvcache.membership;

import java.net.URI;
import java.util.List;
import java.util.Objects;

import jakarta.validation.Valid;

import io.aibrix.kvcache.errors.ApiException;
import io.aibrix.kvcache.membership.ClusterRegistry.Registration;
import io.aibrix.kvcache.ring.Ring;
import io.aibrix.kvcache.ring.RingNode;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Self-registration of cache nodes: register (or update), heartbeat, deregister; and the cluster list. */
@RestController
class MembershipController {

    private final ClusterRegistry registry;

    MembershipController(ClusterRegistry registry) {
        this.registry = registry;
    }

    /** 201 with the lease for a new node, 200 when an existing node was updated. */
    @PutMapping("/v1/clusters/{cluster}/nodes/{node}")
    ResponseEntity<Lease> register(@PathVariable String cluster, @PathVariable String node,
            @Valid @RequestBody RegisterNodeRequest request) {
        requireName(node);
        int capacity = request.capacity() == null ? 1 : request.capacity();
        Registration registration = registry.register(cluster, new RingNode(node,
                Objects.requireNonNull(request.address()).trim(), Objects.requireNonNull(request.port()), capacity));
        return registration.created()
                ? ResponseEntity.created(URI.create("/v1/clusters/" + cluster + "/nodes/" + node))
                        .body(registration.lease())
                : ResponseEntity.ok(registration.lease());
    }

    @PostMapping("/v1/clusters/{cluster}/nodes/{node}/heartbeat")
    Lease heartbeat(@PathVariable String cluster, @PathVariable String node) {
        return registry.heartbeat(cluster, node);
    }

    @DeleteMapping("/v1/clusters/{cluster}/nodes/{node}")
    ResponseEntity<Void> deregister(@PathVariable String cluster, @PathVariable String node) {
        registry.deregister(cluster, node);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/v1/clusters/{cluster}/nodes")
    List<ClusterRegistry.Member> members(@PathVariable String cluster) {
        return registry.members(cluster);
    }

    @GetMapping("/v1/clusters")
    List<ClusterSummary> clusters() {
        return registry.clusterNames().stream().map(name -> {
            Ring ring = registry.ring(name);
            return new ClusterSummary(name, ring.version(), ring.nodes().size());
        }).toList();
    }

    private static void requireName(String node) {
        if (!ClusterNames.valid(node)) {
            throw ApiException.invalidField("node", node,
                    "must be a DNS-1123 name (lower-case letters, digits, '-' and '.', at most 253 characters)");
        }
    }

    /**
     * @param name    the cluster
     * @param version its ring version
     * @param nodes   its member count
     */
    record ClusterSummary(String name, long version, int nodes) {
    }
}

package io.aibrix.metadata.engines;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import org.springframework.lang.Nullable;

/** An engine registered without Kubernetes; alive while heartbeats keep coming within the TTL. */
@Entity
@Table(name = "engines")
class Engine {

    @Id
    private String name;

    private String host;

    private int port;

    @Nullable
    @Column(name = "metrics_port")
    private Integer metricsPort;

    @Nullable
    private String role;

    private boolean ready;

    @JdbcTypeCode(SqlTypes.JSON)
    private List<String> models;

    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, String> labels;

    @Column(name = "registered_at")
    private Instant registeredAt;

    @Column(name = "last_heartbeat_at")
    private Instant lastHeartbeatAt;

    @Version
    private long version;

    protected Engine() {
    }

    Engine(String name) {
        this.name = name;
    }

    /** A (re-)registration: the new description, and the registration counts as a heartbeat. */
    void register(RegisterEngineRequest request, Instant now) {
        this.host = request.host();
        this.port = request.port();
        this.metricsPort = request.metricsPort();
        this.role = request.role();
        this.ready = request.ready() == null || request.ready();
        this.models = List.copyOf(request.models());
        this.labels = new TreeMap<>(request.labels());
        this.registeredAt = now;
        this.lastHeartbeatAt = now;
    }

    void heartbeat(Instant now) {
        this.lastHeartbeatAt = now;
    }

    boolean aliveAt(Instant now, Duration ttl) {
        return lastHeartbeatAt.plus(ttl).isAfter(now);
    }

    String name() {
        return name;
    }

    String address() {
        return host + ":" + port;
    }

    EngineView view(Duration ttl) {
        return new EngineView(name, host, port, metricsPort, role, ready, models,
                Collections.unmodifiableMap(new TreeMap<>(labels)), registeredAt, lastHeartbeatAt,
                lastHeartbeatAt.plus(ttl));
    }
}

package io.aibrix.metadata.adapters;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import org.springframework.lang.Nullable;

/** A LoRA adapter: desired state written by operators, status written by lora-manager. */
@Entity
@Table(name = "lora_adapters")
class Adapter {

    @Id
    private String name;

    @Column(name = "base_model")
    private String baseModel;

    @Column(name = "artifact_url")
    private String artifactUrl;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "pod_selector")
    private Map<String, String> podSelector;

    @Nullable
    private Integer replicas;

    @Column(name = "scheduling_policy")
    private String schedulingPolicy;

    private long generation;

    @Convert(converter = AdapterPhaseConverter.class)
    private AdapterPhase phase;

    @JdbcTypeCode(SqlTypes.JSON)
    private List<String> instances;

    @JdbcTypeCode(SqlTypes.JSON)
    private List<Condition> conditions;

    @Nullable
    @Column(name = "last_error")
    private String lastError;

    @Column(name = "observed_generation")
    private long observedGeneration;

    @Column(name = "status_updated_at")
    private Instant statusUpdatedAt;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Version
    private long version;

    protected Adapter() {
    }

    Adapter(String name, AdapterSpec spec, Instant now) {
        this.name = name;
        this.createdAt = now;
        this.generation = 0;
        this.phase = AdapterPhase.PENDING;
        this.instances = List.of();
        this.conditions = List.of();
        this.statusUpdatedAt = now;
        apply(spec, now);
    }

    /** Replaces the desired state; a new generation tells lora-manager to reconcile again. */
    final void apply(AdapterSpec spec, Instant now) {
        this.baseModel = spec.baseModel();
        this.artifactUrl = spec.artifactUrl();
        this.podSelector = Map.copyOf(spec.podSelector());
        this.replicas = spec.replicas();
        this.schedulingPolicy = spec.schedulingPolicy();
        this.generation++;
        this.updatedAt = now;
    }

    AdapterStatus status() {
        return new AdapterStatus(phase, instances, conditions, lastError, observedGeneration, statusUpdatedAt);
    }

    void status(AdapterStatus status) {
        this.phase = status.phase();
        this.instances = List.copyOf(status.instances());
        this.conditions = List.copyOf(status.conditions());
        this.lastError = status.lastError();
        this.observedGeneration = status.observedGeneration();
        this.statusUpdatedAt = status.updatedAt();
    }

    String name() {
        return name;
    }

    long generation() {
        return generation;
    }

    AdapterView view() {
        return new AdapterView(name, baseModel, artifactUrl, podSelector, replicas, schedulingPolicy, generation,
                status(), createdAt, updatedAt);
    }
}

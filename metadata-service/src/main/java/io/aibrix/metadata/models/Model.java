package io.aibrix.metadata.models;

import java.time.Instant;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import org.springframework.lang.Nullable;

/** A base model the platform serves. Its name is its identity and never changes. */
@Entity
@Table(name = "models")
class Model {

    @Id
    private String name;

    @Column(name = "engine_type")
    private String engineType;

    @Nullable
    @Column(name = "base_model")
    private String baseModel;

    @Nullable
    @Column(name = "max_model_len")
    private Integer maxModelLen;

    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, String> labels;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Version
    private long version;

    protected Model() {
    }

    Model(String name, ModelSpec spec, Instant now) {
        this.name = name;
        this.createdAt = now;
        apply(spec, now);
    }

    final void apply(ModelSpec spec, Instant now) {
        this.engineType = spec.engineType();
        this.baseModel = spec.baseModel();
        this.maxModelLen = spec.maxModelLen();
        this.labels = Map.copyOf(spec.labels());
        this.updatedAt = now;
    }

    ModelView view() {
        return new ModelView(name, engineType, baseModel, maxModelLen, labels, createdAt, updatedAt);
    }
}

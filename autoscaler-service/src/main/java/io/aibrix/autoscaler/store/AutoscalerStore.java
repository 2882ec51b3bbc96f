package io.aibrix.autoscaler.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aibrix.autoscaler.spec.ObjectMeta;
import io.aibrix.autoscaler.spec.PodAutoscaler;
import io.aibrix.autoscaler.spec.PodAutoscalerSpec;
import io.aibrix.autoscaler.spec.PodAutoscalerStatus;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/** PodAutoscaler objects in the {@code pod_autoscalers} table; the spec and the status are written apart. */
public class AutoscalerStore {

    private static final String COLUMNS = "namespace, name, metadata, spec, status, generation, created_at";

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public AutoscalerStore(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    public List<StoredAutoscaler> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM pod_autoscalers ORDER BY namespace, name").query(this::row).list();
    }

    public List<StoredAutoscaler> findInNamespace(String namespace) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM pod_autoscalers WHERE namespace = ? ORDER BY name")
                .param(namespace).query(this::row).list();
    }

    public Optional<StoredAutoscaler> find(String namespace, String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM pod_autoscalers WHERE namespace = ? AND name = ?")
                .param(namespace).param(name).query(this::row).optional();
    }

    /** @return false when one of that namespace and name exists already */
    public boolean create(PodAutoscaler autoscaler) {
        Timestamp now = Timestamp.from(clock.instant());
        try {
            jdbc.sql("INSERT INTO pod_autoscalers (namespace, name, metadata, spec, status, generation, created_at,"
                    + " updated_at) VALUES (?, ?, ?::jsonb, ?::jsonb, NULL, 1, ?, ?)")
                    .param(autoscaler.metadata().namespace()).param(autoscaler.metadata().name())
                    .param(write(autoscaler.metadata().withoutGeneration())).param(write(autoscaler.spec())).param(now).param(now)
                    .update();
            return true;
        }
        catch (DuplicateKeyException ex) {
            return false;
        }
    }

    /** Replaces the spec and metadata (keeping the status) or creates the object; returns whether it existed. */
    @Transactional
    public boolean replace(PodAutoscaler autoscaler) {
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.sql("UPDATE pod_autoscalers SET metadata = ?::jsonb, spec = ?::jsonb,"
                + " generation = generation + 1, updated_at = ? WHERE namespace = ? AND name = ?")
                .param(write(autoscaler.metadata().withoutGeneration())).param(write(autoscaler.spec())).param(now)
                .param(autoscaler.metadata().namespace()).param(autoscaler.metadata().name()).update();
        if (updated == 1) {
            return true;
        }
        return !create(autoscaler);
    }

    public boolean delete(String namespace, String name) {
        return jdbc.sql("DELETE FROM pod_autoscalers WHERE namespace = ? AND name = ?")
                .param(namespace).param(name).update() == 1;
    }

    /** Writes the status only if the object still exists. */
    public void writeStatus(String namespace, String name, PodAutoscalerStatus status) {
        jdbc.sql("UPDATE pod_autoscalers SET status = ?::jsonb WHERE namespace = ? AND name = ?")
                .param(write(status)).param(namespace).param(name).update();
    }

    private StoredAutoscaler row(ResultSet rs, int rowNum) throws SQLException {
        ObjectMeta stored = read(rs.getString("metadata"), ObjectMeta.class);
        ObjectMeta metadata = new ObjectMeta(stored.name(), stored.namespace(), stored.annotations(),
                rs.getLong("generation"));
        String status = rs.getString("status");
        PodAutoscaler autoscaler = new PodAutoscaler(null, null, metadata,
                read(rs.getString("spec"), PodAutoscalerSpec.class),
                status == null ? null : read(status, PodAutoscalerStatus.class));
        Instant created = rs.getTimestamp("created_at").toInstant();
        return new StoredAutoscaler(autoscaler, created);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        }
        catch (JsonProcessingException ex) {
            throw new IllegalStateException("could not write " + value.getClass().getSimpleName() + " as JSON", ex);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        }
        catch (JsonProcessingException ex) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is not readable: " + ex.getMessage(),
                    ex);
        }
    }
}

package io.aibrix.metadata.models;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

/**
 * Model and adapter names share one namespace: both are what clients send as {@code "model"} and what
 * {@code /v1/models} lists, so a name may belong to at most one of them.
 */
@Component
public class ServedNames {

    private final JdbcClient jdbc;

    ServedNames(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code "model"}, {@code "LoRA adapter"}, or {@code null} when the name is free. */
    @Nullable
    public String ownerOf(String name) {
        return jdbc.sql("""
                        SELECT 'model' FROM models WHERE name = :name
                        UNION ALL SELECT 'LoRA adapter' FROM lora_adapters WHERE name = :name
                        LIMIT 1
                        """)
                .param("name", name)
                .query(String.class)
                .optional()
                .orElse(null);
    }
}

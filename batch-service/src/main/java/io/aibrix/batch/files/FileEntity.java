package io.aibrix.batch.files;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Generated;

import org.springframework.lang.Nullable;

/**
 * A row of {@code files}. Deleted files stay as rows with {@code deleted_at} set, so a list cursor naming one still
 * resolves; their bytes are gone from the store.
 */
@Entity
@Table(name = "files")
class FileEntity {

    @Id
    private String id;

    /** Insertion order, assigned by the database; list cursors page on it. */
    @Generated
    @Column(insertable = false, updatable = false)
    private Long seq;

    private String owner;
    private String filename;
    private String purpose;
    private long bytes;
    private String storageKey;
    private String status;
    private Instant createdAt;
    private @Nullable Instant expiresAt;
    private @Nullable Instant deletedAt;

    protected FileEntity() {
    }

    FileEntity(String id, String owner, String filename, String purpose, long bytes, String storageKey,
            Instant createdAt) {
        this.id = id;
        this.owner = owner;
        this.filename = filename;
        this.purpose = purpose;
        this.bytes = bytes;
        this.storageKey = storageKey;
        this.status = "processed";
        this.createdAt = createdAt;
    }

    String id() {
        return id;
    }

    Long seq() {
        return seq;
    }

    String owner() {
        return owner;
    }

    String filename() {
        return filename;
    }

    String purpose() {
        return purpose;
    }

    long bytes() {
        return bytes;
    }

    String storageKey() {
        return storageKey;
    }

    String status() {
        return status;
    }

    Instant createdAt() {
        return createdAt;
    }

    @Nullable Instant expiresAt() {
        return expiresAt;
    }
}

package io.aibrix.metadata.keys;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.springframework.lang.Nullable;

/** An API key of a user. Only its hash and display prefix are stored. */
@Entity
@Table(name = "api_keys")
class ApiKey {

    @Id
    private UUID id;

    @Column(name = "user_name")
    private String userName;

    @Nullable
    private String label;

    @Column(name = "key_prefix")
    private String keyPrefix;

    @Column(name = "key_hash")
    private String keyHash;

    @Column(name = "created_at")
    private Instant createdAt;

    @Nullable
    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiKey() {
    }

    ApiKey(UUID id, String userName, @Nullable String label, KeyGenerator.NewKey key, Instant now) {
        this.id = id;
        this.userName = userName;
        this.label = label;
        this.keyPrefix = key.prefix();
        this.keyHash = key.hash();
        this.createdAt = now;
    }

    String userName() {
        return userName;
    }

    boolean revoked() {
        return revokedAt != null;
    }

    /** Revoking twice keeps the first revocation time. */
    void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    ApiKeyView view() {
        return new ApiKeyView(id, userName, label, keyPrefix, createdAt, revokedAt);
    }
}

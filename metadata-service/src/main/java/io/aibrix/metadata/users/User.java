package io.aibrix.metadata.users;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.springframework.lang.Nullable;

/** A caller of the platform with its quotas. */
@Entity
@Table(name = "users")
class User {

    @Id
    private String name;

    @Nullable
    private Long rpm;

    @Nullable
    private Long tpm;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Version
    private long version;

    protected User() {
    }

    User(String name, UserLimits limits, Instant now) {
        this.name = name;
        this.createdAt = now;
        apply(limits, now);
    }

    final void apply(UserLimits limits, Instant now) {
        this.rpm = limits.rpm();
        this.tpm = limits.tpm();
        this.updatedAt = now;
    }

    UserView view() {
        return new UserView(name, rpm, tpm, createdAt, updatedAt);
    }
}

-- Names are the resources' identities: they appear in URLs, in the gateway's routing and in engines' model lists,
-- and never change, so they are the primary keys and foreign keys reference them directly.

CREATE TABLE models (
    name            VARCHAR(63)  PRIMARY KEY,
    engine_type     VARCHAR(32)  NOT NULL,
    base_model      VARCHAR(255),
    max_model_len   INTEGER      CHECK (max_model_len > 0),
    labels          JSONB        NOT NULL DEFAULT '{}'::jsonb,
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL,
    version         BIGINT       NOT NULL DEFAULT 0
);

CREATE TABLE lora_adapters (
    name                VARCHAR(63)   PRIMARY KEY,
    base_model          VARCHAR(63)   NOT NULL REFERENCES models (name),
    artifact_url        VARCHAR(2048) NOT NULL,
    pod_selector        JSONB         NOT NULL DEFAULT '{}'::jsonb,
    replicas            INTEGER       CHECK (replicas > 0),
    scheduling_policy   VARCHAR(32)   NOT NULL,
    generation          BIGINT        NOT NULL,
    phase               VARCHAR(16)   NOT NULL
        CHECK (phase IN ('Pending', 'Scheduled', 'Loading', 'Running', 'Failed')),
    instances           JSONB         NOT NULL DEFAULT '[]'::jsonb,
    conditions          JSONB         NOT NULL DEFAULT '[]'::jsonb,
    last_error          TEXT,
    observed_generation BIGINT        NOT NULL DEFAULT 0,
    status_updated_at   TIMESTAMPTZ   NOT NULL,
    created_at          TIMESTAMPTZ   NOT NULL,
    updated_at          TIMESTAMPTZ   NOT NULL,
    version             BIGINT        NOT NULL DEFAULT 0
);

CREATE INDEX lora_adapters_base_model ON lora_adapters (base_model);

CREATE TABLE users (
    name        VARCHAR(63) PRIMARY KEY,
    rpm         BIGINT      CHECK (rpm >= 0),
    tpm         BIGINT      CHECK (tpm >= 0),
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    version     BIGINT      NOT NULL DEFAULT 0
);

-- Only the SHA-256 of a key is stored; the secret itself is shown once, in the create response.
CREATE TABLE api_keys (
    id          UUID         PRIMARY KEY,
    user_name   VARCHAR(63)  NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    label       VARCHAR(100),
    key_prefix  VARCHAR(32)  NOT NULL,
    key_hash    VARCHAR(64)  NOT NULL UNIQUE,
    created_at  TIMESTAMPTZ  NOT NULL,
    revoked_at  TIMESTAMPTZ
);

CREATE INDEX api_keys_user_name ON api_keys (user_name);

-- Engines registered without Kubernetes. An entry whose last heartbeat is older than the configured TTL is expired:
-- it is left out of every answer and purged later.
CREATE TABLE engines (
    name              VARCHAR(63)  PRIMARY KEY,
    host              VARCHAR(253) NOT NULL,
    port              INTEGER      NOT NULL CHECK (port BETWEEN 1 AND 65535),
    metrics_port      INTEGER      CHECK (metrics_port BETWEEN 1 AND 65535),
    role              VARCHAR(16)  CHECK (role IN ('prefill', 'decode')),
    ready             BOOLEAN      NOT NULL,
    models            JSONB        NOT NULL DEFAULT '[]'::jsonb,
    registered_at     TIMESTAMPTZ  NOT NULL,
    last_heartbeat_at TIMESTAMPTZ  NOT NULL,
    version           BIGINT       NOT NULL DEFAULT 0
);

CREATE INDEX engines_last_heartbeat_at ON engines (last_heartbeat_at);

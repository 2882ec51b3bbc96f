-- PodAutoscaler objects of the local (non-Kubernetes) mode: the document as sent (metadata and spec) and the status
-- the control loop writes, apart so that a status write never overwrites a concurrent spec change.
CREATE TABLE pod_autoscalers (
    namespace   TEXT        NOT NULL,
    name        TEXT        NOT NULL,
    metadata    JSONB       NOT NULL,
    spec        JSONB       NOT NULL,
    status      JSONB,
    generation  BIGINT      NOT NULL DEFAULT 1,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (namespace, name)
);

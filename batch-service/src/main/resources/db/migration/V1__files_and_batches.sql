-- Files and batches of the OpenAI Files and Batches API. Timestamps are timestamptz and shown to clients as Unix
-- seconds; ids are OpenAI-shaped strings ("file-...", "batch_..."); seq columns give the insertion order that list
-- cursors page on (random ids have none).

create table files (
    id           varchar(64)   primary key,
    seq          bigint        generated always as identity unique,
    owner        varchar(255)  not null,
    filename     varchar(1024) not null,
    purpose      varchar(32)   not null,
    bytes        bigint        not null check (bytes >= 0),
    -- Where the bytes are in the FileStore; the row is inserted only once they are complete.
    storage_key  varchar(512)  not null,
    status       varchar(16)   not null default 'processed',
    created_at   timestamptz   not null,
    expires_at   timestamptz,
    -- Deleted files stay as rows so list cursors naming them still resolve; their bytes are removed.
    deleted_at   timestamptz
);

create index files_owner_page on files (owner, seq) where deleted_at is null;
create index files_owner_purpose_page on files (owner, purpose, seq) where deleted_at is null;

create table batches (
    id                      varchar(64)  primary key,
    seq                     bigint       generated always as identity unique,
    owner                   varchar(255) not null,
    status                  varchar(16)  not null check (status in ('validating', 'failed', 'in_progress',
                                'finalizing', 'completed', 'expired', 'cancelling', 'cancelled')),
    endpoint                varchar(64)  not null,
    input_file_id           varchar(64)  not null references files (id),
    -- As the client sent it ("24h"), and parsed: the deadline is created_at + this.
    completion_window       varchar(16)  not null,
    completion_window_secs  bigint       not null check (completion_window_secs > 0),
    metadata                jsonb,
    model                   varchar(255),
    -- request_counts; the truth is batch_line_results, these are kept in step in the same transactions.
    request_total           integer      not null default 0,
    request_completed       integer      not null default 0,
    request_failed          integer      not null default 0,
    -- errors: OpenAI's {"object":"list","data":[{"code","message","param","line"}]}, null when none.
    errors                  jsonb,
    output_file_id          varchar(64)  references files (id),
    error_file_id           varchar(64)  references files (id),
    -- usage, summed over successful lines.
    input_tokens            bigint       not null default 0,
    cached_tokens           bigint       not null default 0,
    output_tokens           bigint       not null default 0,
    reasoning_tokens        bigint       not null default 0,
    total_tokens            bigint       not null default 0,
    created_at              timestamptz  not null,
    in_progress_at          timestamptz,
    expires_at              timestamptz  not null,
    finalizing_at           timestamptz,
    completed_at            timestamptz,
    failed_at               timestamptz,
    expired_at              timestamptz,
    cancelling_at           timestamptz,
    cancelled_at            timestamptz,
    -- Idempotency-Key of the create request and a hash of its body: a retry with the same key returns this batch,
    -- the same key with a different body is refused.
    idempotency_key         varchar(255),
    request_fingerprint     varchar(64),
    -- Execution lease for several replicas: a node runs a batch only while it holds an unexpired lease, taken with
    -- an atomic UPDATE ... WHERE lease_expires_at < now() (or FOR UPDATE SKIP LOCKED) and renewed while it works.
    -- lease_epoch grows on every acquisition; result writes carry it, so a node that lost its lease cannot write.
    lease_owner             varchar(255),
    lease_expires_at        timestamptz,
    lease_epoch             bigint       not null default 0,
    -- Optimistic locking of status transitions.
    version                 bigint       not null default 0,
    unique (owner, idempotency_key)
);

create index batches_owner_page on batches (owner, seq);
-- What a scheduler scans for: unfinished batches, by lease expiry.
create index batches_unfinished on batches (lease_expires_at, seq)
    where status in ('validating', 'in_progress', 'finalizing', 'cancelling');

-- One row per input line whose outcome is final. A line counts (request_counts, usage, output files) only once its
-- row is committed; the primary key makes a second result for the same line impossible, so after a crash a resumed
-- batch skips every line that has a row and re-sends only lines that were in flight.
create table batch_line_results (
    batch_id        varchar(64)  not null references batches (id) on delete cascade,
    line_no         integer      not null check (line_no >= 1),
    custom_id       text         not null,
    -- Output line id, "batch_req_...", fixed here so re-assembling the output files yields identical bytes.
    request_id      varchar(64)  not null,
    -- succeeded goes to the output file, failed to the error file.
    outcome         varchar(16)  not null check (outcome in ('succeeded', 'failed')),
    status_code     integer,
    upstream_request_id varchar(255),
    -- The upstream response body verbatim (text, not jsonb, to keep its bytes).
    response_body   text,
    error_code      varchar(64),
    error_message   text,
    input_tokens    bigint       not null default 0,
    cached_tokens   bigint       not null default 0,
    output_tokens   bigint       not null default 0,
    reasoning_tokens bigint      not null default 0,
    attempts        integer      not null default 1,
    lease_epoch     bigint       not null,
    completed_at    timestamptz  not null,
    primary key (batch_id, line_no)
);

create index batch_line_results_outcome on batch_line_results (batch_id, outcome, line_no);

package io.aibrix.batch.batches;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aibrix.batch.files.FileObject;
import io.aibrix.batch.files.FilePurpose;
import io.aibrix.batch.files.FileService;
import io.aibrix.batch.openai.ApiException;
import io.aibrix.batch.openai.ListPage;
import io.aibrix.batch.openai.OpenAiIds;
import io.aibrix.batch.owner.Owner;

import org.springframework.lang.Nullable;

/** Batches of an owner: create (idempotently with a key), look up, list and cancel. Execution happens elsewhere. */
class BatchService {

    static final int MAX_LIST_LIMIT = 100;

    private final BatchStore batches;
    private final FileService files;
    private final ObjectMapper json;
    private final Clock clock;

    BatchService(BatchStore batches, FileService files, ObjectMapper json, Clock clock) {
        this.batches = batches;
        this.files = files;
        this.json = json;
        this.clock = clock;
    }

    BatchObject create(Owner owner, CreateBatchRequest request, @Nullable String idempotencyKey) {
        CreateRules.check(request);
        if (idempotencyKey != null) {
            CreateRules.checkIdempotencyKey(idempotencyKey);
        }
        String fingerprint = CreateRules.fingerprint(request);
        if (idempotencyKey != null) {
            BatchRow earlier = batches.findByIdempotencyKey(owner.id(), idempotencyKey).orElse(null);
            if (earlier != null) {
                return replay(earlier, fingerprint, idempotencyKey);
            }
        }
        checkInputFile(owner, request.inputFileId());
        Duration window = CompletionWindow.parse(request.completionWindow());
        String id = OpenAiIds.next("batch_");
        BatchStore.NewBatch batch = new BatchStore.NewBatch(id, owner.id(), request.endpoint(),
                request.inputFileId(), request.completionWindow(), window, write(request.metadata()), now(),
                idempotencyKey, fingerprint);
        if (!batches.insert(batch)) {
            // A concurrent request with the same key won the insert.
            return replay(batches.findByIdempotencyKey(owner.id(), idempotencyKey).orElseThrow(), fingerprint,
                    idempotencyKey);
        }
        return get(owner, id);
    }

    BatchObject get(Owner owner, String id) {
        return toObject(batches.find(owner.id(), id).orElseThrow(() -> notFound(id)));
    }

    ListPage<BatchObject> list(Owner owner, @Nullable String after, int limit) {
        if (limit < 1 || limit > MAX_LIST_LIMIT) {
            throw ApiException.badRequest("Invalid value for 'limit': " + limit + ". It must be between 1 and "
                    + MAX_LIST_LIMIT + ".", "limit", "invalid_value");
        }
        long before = after == null || after.isEmpty() ? Long.MAX_VALUE : batches.seq(owner.id(), after)
                .orElseThrow(() -> ApiException.badRequest("Invalid value for 'after': no batch '" + after + "'.",
                        "after", "invalid_value"));
        List<BatchRow> rows = batches.page(owner.id(), before, limit + 1);
        List<BatchObject> page = rows.stream().limit(limit).map(this::toObject).toList();
        return ListPage.of(page, BatchObject::id, rows.size() > limit);
    }

    /** Cancels a validating or in-progress batch; a cancelling one is returned as is; others are a 409. */
    BatchObject cancel(Owner owner, String id) {
        if (batches.requestCancel(owner.id(), id, now())) {
            return get(owner, id);
        }
        BatchRow row = batches.find(owner.id(), id).orElseThrow(() -> notFound(id));
        if (row.status() == BatchStatus.CANCELLING || row.status() == BatchStatus.CANCELLED) {
            return toObject(row);
        }
        throw ApiException.conflict("Cannot cancel batch " + id + ": its status is '" + row.status().value()
                + "'; only validating or in-progress batches can be cancelled.", null, "batch_not_cancellable");
    }

    private BatchObject replay(BatchRow earlier, String fingerprint, String key) {
        if (!fingerprint.equals(earlier.requestFingerprint())) {
            throw ApiException.conflict("The Idempotency-Key '" + key + "' was already used with a different"
                    + " request body (batch " + earlier.id() + ").", "Idempotency-Key", "idempotency_key_reused");
        }
        return toObject(earlier);
    }

    private void checkInputFile(Owner owner, String fileId) {
        FileObject file;
        try {
            file = files.get(owner, fileId);
        } catch (ApiException e) {
            throw ApiException.badRequest("Invalid 'input_file_id': no file '" + fileId + "'.", "input_file_id",
                    "invalid_value");
        }
        if (!FilePurpose.BATCH.value().equals(file.purpose())) {
            throw ApiException.badRequest("Invalid 'input_file_id': file " + fileId + " has purpose '"
                    + file.purpose() + "'; batch input files have purpose 'batch'.", "input_file_id",
                    "invalid_value");
        }
    }

    private BatchObject toObject(BatchRow row) {
        try {
            BatchObject.Errors errors = row.errors() == null ? null
                    : json.readValue(row.errors(), BatchObject.Errors.class);
            Map<String, String> metadata = row.metadata() == null ? null
                    : json.readValue(row.metadata(), new TypeReference<Map<String, String>>() { });
            return BatchObject.of(row, errors, metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable JSON in batch " + row.id(), e);
        }
    }

    private @Nullable String write(@Nullable Map<String, String> metadata) {
        try {
            return metadata == null ? null : json.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("No such Batch object: " + id, "id");
    }

    /** PostgreSQL keeps microseconds; truncating keeps what is returned equal to what is stored. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}

package io.aibrix.batch.batches;

import io.aibrix.batch.openai.ListPage;
import io.aibrix.batch.owner.Owner;

import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The OpenAI Batches API. */
@RestController
@RequestMapping("/v1/batches")
class BatchesController {

    private final BatchService batches;

    BatchesController(BatchService batches) {
        this.batches = batches;
    }

    @PostMapping
    BatchObject create(Owner owner, @RequestBody CreateBatchRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey) {
        return batches.create(owner, request, idempotencyKey);
    }

    @GetMapping
    ListPage<BatchObject> list(Owner owner, @RequestParam(required = false) @Nullable String after,
            @RequestParam(defaultValue = "20") int limit) {
        return batches.list(owner, after, limit);
    }

    @GetMapping("/{id}")
    BatchObject get(Owner owner, @PathVariable String id) {
        return batches.get(owner, id);
    }

    @PostMapping("/{id}/cancel")
    BatchObject cancel(Owner owner, @PathVariable String id) {
        return batches.cancel(owner, id);
    }
}

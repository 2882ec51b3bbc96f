package io.aibrix.batch.batches;

import java.util.Map;

import org.springframework.lang.Nullable;

/** The body of {@code POST /v1/batches}; fields OpenAI added later (e.g. {@code output_expires_after}) are ignored. */
record CreateBatchRequest(@Nullable String inputFileId, @Nullable String endpoint,
        @Nullable String completionWindow, @Nullable Map<String, String> metadata) {
}

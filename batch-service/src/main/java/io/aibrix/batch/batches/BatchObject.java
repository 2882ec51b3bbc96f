package io.aibrix.batch.batches;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.aibrix.batch.validation.LineError;

import org.springframework.lang.Nullable;

/**
 * OpenAI's Batch object, every field present (null when unset) and times in Unix seconds. Written in snake case:
 * {@code input_file_id}, {@code request_counts}, ...
 */
public record BatchObject(String id, String object, String endpoint, @Nullable Errors errors, String inputFileId,
        String completionWindow, String status, @Nullable String outputFileId, @Nullable String errorFileId,
        long createdAt, @Nullable Long inProgressAt, long expiresAt, @Nullable Long finalizingAt,
        @Nullable Long completedAt, @Nullable Long failedAt, @Nullable Long expiredAt, @Nullable Long cancellingAt,
        @Nullable Long cancelledAt, RequestCounts requestCounts, @Nullable Map<String, String> metadata,
        @Nullable String model, Usage usage) {

    /** {@code errors}: the validation failures of a failed batch. */
    public record Errors(String object, List<LineError> data) {

        public Errors {
            data = List.copyOf(data);
        }

        public static Errors of(List<LineError> data) {
            return new Errors("list", data);
        }
    }

    public record RequestCounts(int total, int completed, int failed) {
    }

    public record Usage(long inputTokens, InputTokensDetails inputTokensDetails, long outputTokens,
            OutputTokensDetails outputTokensDetails, long totalTokens) {
    }

    public record InputTokensDetails(long cachedTokens) {
    }

    public record OutputTokensDetails(long reasoningTokens) {
    }

    static BatchObject of(BatchRow row, @Nullable Errors errors, @Nullable Map<String, String> metadata) {
        return new BatchObject(row.id(), "batch", row.endpoint(), errors, row.inputFileId(), row.completionWindow(),
                row.status().value(), row.outputFileId(), row.errorFileId(), row.createdAt().getEpochSecond(),
                seconds(row.inProgressAt()), row.expiresAt().getEpochSecond(), seconds(row.finalizingAt()),
                seconds(row.completedAt()), seconds(row.failedAt()), seconds(row.expiredAt()),
                seconds(row.cancellingAt()), seconds(row.cancelledAt()),
                new RequestCounts(row.total(), row.completed(), row.failed()), metadata, row.model(),
                new Usage(row.inputTokens(), new InputTokensDetails(row.cachedTokens()), row.outputTokens(),
                        new OutputTokensDetails(row.reasoningTokens()), row.totalTokens()));
    }

    private static @Nullable Long seconds(@Nullable Instant instant) {
        return instant == null ? null : instant.getEpochSecond();
    }
}

package io.aibrix.batch.batches;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.aibrix.batch.openai.ApiException;

/** OpenAI's rules for a batch creation request, and the fingerprint that tells an idempotent retry from a new body. */
final class CreateRules {

    static final Set<String> ENDPOINTS = Set.of("/v1/chat/completions", "/v1/completions", "/v1/embeddings");
    static final int MAX_METADATA_PAIRS = 16;
    static final int MAX_METADATA_KEY = 64;
    static final int MAX_METADATA_VALUE = 512;
    static final int MAX_IDEMPOTENCY_KEY = 255;

    private CreateRules() {
    }

    /** Checks every field but the input file; throws the 400 naming the first bad one. */
    static void check(CreateBatchRequest request) {
        if (request.inputFileId() == null || request.inputFileId().isBlank()) {
            throw ApiException.missingParameter("input_file_id");
        }
        if (request.endpoint() == null) {
            throw ApiException.missingParameter("endpoint");
        }
        if (!ENDPOINTS.contains(request.endpoint())) {
            throw ApiException.invalidValue("endpoint", request.endpoint(),
                    "'/v1/chat/completions', '/v1/completions', '/v1/embeddings'");
        }
        if (request.completionWindow() == null) {
            throw ApiException.missingParameter("completion_window");
        }
        CompletionWindow.parse(request.completionWindow());
        Map<String, String> metadata = request.metadata();
        if (metadata == null) {
            return;
        }
        if (metadata.size() > MAX_METADATA_PAIRS) {
            throw ApiException.badRequest("Invalid 'metadata': at most " + MAX_METADATA_PAIRS
                    + " key-value pairs are allowed, got " + metadata.size() + ".", "metadata", "invalid_value");
        }
        metadata.forEach((key, value) -> {
            if (key.length() > MAX_METADATA_KEY) {
                throw ApiException.badRequest("Invalid 'metadata': the key '" + key + "' is longer than "
                        + MAX_METADATA_KEY + " characters.", "metadata", "invalid_value");
            }
            if (value == null || value.length() > MAX_METADATA_VALUE) {
                throw ApiException.badRequest("Invalid 'metadata': the value of '" + key + "' must be a string of"
                        + " at most " + MAX_METADATA_VALUE + " characters.", "metadata", "invalid_value");
            }
        });
    }

    static void checkIdempotencyKey(String key) {
        if (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY) {
            throw ApiException.badRequest("The Idempotency-Key header must be 1 to " + MAX_IDEMPOTENCY_KEY
                    + " characters.", "Idempotency-Key", "invalid_value");
        }
    }

    /** A hash of the request's meaning: field order and metadata order do not change it. */
    static String fingerprint(CreateBatchRequest request) {
        StringBuilder canonical = new StringBuilder();
        append(canonical, request.inputFileId());
        append(canonical, request.endpoint());
        append(canonical, request.completionWindow());
        if (request.metadata() != null) {
            new TreeMap<>(request.metadata()).forEach((key, value) -> {
                append(canonical, key);
                append(canonical, value);
            });
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Length-prefixed, so no two different field lists give the same text. */
    private static void append(StringBuilder canonical, String value) {
        canonical.append(value.length()).append(':').append(value).append(';');
    }
}

package io.aibrix.batch.files;

import org.springframework.lang.Nullable;

/**
 * OpenAI's file object. Written in snake case: {@code created_at}, {@code expires_at}, {@code status_details}.
 *
 * @param bytes     size in bytes
 * @param createdAt Unix seconds
 * @param expiresAt Unix seconds, null: files do not expire
 * @param status    always {@code processed} (OpenAI deprecated the field; the SDKs still poll it)
 */
public record FileObject(String id, String object, long bytes, long createdAt, @Nullable Long expiresAt,
        String filename, String purpose, String status, @Nullable String statusDetails) {

    static FileObject of(FileEntity file) {
        return new FileObject(file.id(), "file", file.bytes(), file.createdAt().getEpochSecond(),
                file.expiresAt() == null ? null : file.expiresAt().getEpochSecond(), file.filename(), file.purpose(),
                file.status(), null);
    }
}

package io.aibrix.batch.files;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Upload limits of the Files API ({@code batch.files.*}).
 *
 * @param maxFileSize      largest upload of any purpose (OpenAI: 512 MB)
 * @param maxBatchFileSize largest upload with purpose {@code batch} (OpenAI: 200 MB); at most {@code maxFileSize}
 */
@ConfigurationProperties("batch.files")
@Validated
record FilesProperties(
        @NotNull @DefaultValue("512MB") DataSize maxFileSize,
        @NotNull @DefaultValue("200MB") DataSize maxBatchFileSize) {

    FilesProperties {
        if (maxFileSize != null && maxBatchFileSize != null) {
            if (maxBatchFileSize.toBytes() < 1 || maxFileSize.toBytes() < maxBatchFileSize.toBytes()) {
                throw new IllegalArgumentException("batch.files.max-batch-file-size must be positive and at most"
                        + " batch.files.max-file-size; were " + maxBatchFileSize + " and " + maxFileSize);
            }
        }
    }

    /** The upload limit in bytes for a purpose. */
    long limit(FilePurpose purpose) {
        return purpose == FilePurpose.BATCH ? maxBatchFileSize.toBytes() : maxFileSize.toBytes();
    }
}

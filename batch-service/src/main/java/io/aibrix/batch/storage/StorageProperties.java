package io.aibrix.batch.storage;

import java.net.URI;
import java.nio.file.Path;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.lang.Nullable;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where file bytes are stored ({@code batch.storage.*}): in S3 when {@code s3.bucket} is set, else in a local
 * directory.
 */
@ConfigurationProperties("batch.storage")
@Validated
record StorageProperties(@Valid @DefaultValue Local local, @Valid @DefaultValue S3 s3) {

    /** @param directory root directory of the local store, created if missing */
    record Local(@NotNull @DefaultValue("./data/files") Path directory) {
    }

    /**
     * @param bucket          bucket name; set it to store files in S3
     * @param endpoint        endpoint of an S3-compatible store, e.g. {@code http://minio:9000}; unset for AWS
     * @param region          signing region
     * @param pathStyle       path-style addressing ({@code endpoint/bucket/key}), which S3-compatible stores need
     * @param prefix          key prefix inside the bucket, e.g. {@code batch/}
     * @param accessKeyId     static credentials; unset for the SDK's default chain (environment, profile, instance)
     * @param secretAccessKey static credentials, with {@code accessKeyId}
     * @param partSize        multipart part size, which is also the write buffer per upload; at least 5MB
     */
    record S3(@Nullable String bucket, @Nullable URI endpoint, @NotBlank @DefaultValue("us-east-1") String region,
            @DefaultValue("true") boolean pathStyle, @NotNull @DefaultValue("") String prefix,
            @Nullable String accessKeyId, @Nullable String secretAccessKey,
            @NotNull @DefaultValue("8MB") DataSize partSize) {

        private static final long MIN_PART_SIZE = DataSize.ofMegabytes(5).toBytes();
        private static final long MAX_PART_SIZE = DataSize.ofMegabytes(512).toBytes();

        S3 {
            if (partSize != null && (partSize.toBytes() < MIN_PART_SIZE || partSize.toBytes() > MAX_PART_SIZE)) {
                throw new IllegalArgumentException(
                        "batch.storage.s3.part-size must be between 5MB and 512MB, was " + partSize);
            }
            if ((accessKeyId == null) != (secretAccessKey == null)) {
                throw new IllegalArgumentException("batch.storage.s3.access-key-id and secret-access-key must be"
                        + " set together");
            }
            if (prefix != null && !prefix.isEmpty() && !prefix.endsWith("/")) {
                prefix = prefix + "/";
            }
        }

        boolean enabled() {
            return bucket != null && !bucket.isBlank();
        }
    }
}

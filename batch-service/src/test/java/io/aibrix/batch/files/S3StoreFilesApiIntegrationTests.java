package io.aibrix.batch.files;

import java.util.Map;

import io.aibrix.testsupport.S3MockExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tests for {@link FilesController} with files in S3 (S3Mock as a child process), with 5 MB parts so that the
 * download test's file goes up as a multipart upload.
 */
class S3StoreFilesApiIntegrationTests extends FilesApiContract {

    @RegisterExtension
    static final S3MockExtension s3 = S3MockExtension.create("batch-files");

    @Override
    Map<String, String> storageProperties() {
        return Map.of(
                "batch.storage.s3.bucket", "batch-files",
                "batch.storage.s3.endpoint", s3.endpoint().toString(),
                "batch.storage.s3.region", s3.region(),
                "batch.storage.s3.access-key-id", s3.accessKeyId(),
                "batch.storage.s3.secret-access-key", s3.secretAccessKey(),
                "batch.storage.s3.prefix", "tenant-a",
                "batch.storage.s3.part-size", "5MB");
    }

    @Override
    String database() {
        return "files_s3_store";
    }
}

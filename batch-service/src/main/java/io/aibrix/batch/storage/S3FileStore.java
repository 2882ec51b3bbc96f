package io.aibrix.batch.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Files in an S3 bucket (or an S3-compatible store). A write buffers one part at a time: objects smaller than a part
 * go up in one PUT, larger ones as a multipart upload that is aborted if anything fails, so memory per upload is one
 * part whatever the file size.
 */
final class S3FileStore implements FileStore, AutoCloseable {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final int partSize;

    /**
     * @param prefix   prepended to every key ("" or ending in '/')
     * @param partSize bytes per multipart part, at least 5 MiB (S3's minimum for every part but the last)
     */
    S3FileStore(S3Client s3, String bucket, String prefix, int partSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.partSize = partSize;
    }

    @Override
    public long write(String key, InputStream content) throws IOException {
        String objectKey = objectKey(key);
        byte[] buffer = new byte[partSize];
        int first = content.readNBytes(buffer, 0, partSize);
        if (first < partSize) {
            s3.putObject(b -> b.bucket(bucket).key(objectKey), body(buffer, first));
            return first;
        }
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(objectKey)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long total = 0;
            int length = first;
            while (length > 0) {
                int partNumber = parts.size() + 1;
                String eTag = s3.uploadPart(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId)
                        .partNumber(partNumber), body(buffer, length)).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(eTag).build());
                total += length;
                length = content.readNBytes(buffer, 0, partSize);
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
            return total;
        } catch (IOException | RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId));
            } catch (RuntimeException abortFailure) {
                e.addSuppressed(abortFailure);
            }
            throw e;
        }
    }

    @Override
    public InputStream read(String key) throws IOException {
        String objectKey = objectKey(key);
        try {
            return s3.getObject(b -> b.bucket(bucket).key(objectKey));
        } catch (NoSuchKeyException e) {
            NoSuchFileException missing = new NoSuchFileException("s3://" + bucket + "/" + objectKey);
            missing.initCause(e);
            throw missing;
        }
    }

    @Override
    public void delete(String key) {
        String objectKey = objectKey(key);
        s3.deleteObject(b -> b.bucket(bucket).key(objectKey));
    }

    private String objectKey(String key) {
        return prefix + FileStore.requireValidKey(key);
    }

    /** The first {@code length} bytes of the part buffer, uncopied; mark/reset lets the SDK retry the request. */
    private static RequestBody body(byte[] buffer, int length) {
        return RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, length), length);
    }

    @Override
    public void close() {
        s3.close();
    }

    @Override
    public String toString() {
        return "S3 bucket " + bucket + (prefix.isEmpty() ? "" : " under " + prefix);
    }
}

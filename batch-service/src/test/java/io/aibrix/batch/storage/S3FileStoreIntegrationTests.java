package io.aibrix.batch.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.NoSuchFileException;
import java.util.Random;

import io.aibrix.testsupport.S3MockExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Tests for {@link S3FileStore} against S3Mock. */
class S3FileStoreIntegrationTests {

    private static final int PART = 5 * 1024 * 1024;

    @RegisterExtension
    static final S3MockExtension s3 = S3MockExtension.create("store-tests");

    private static S3Client client;
    private static S3FileStore store;

    @BeforeAll
    static void createStore() {
        client = S3Client.builder()
                .endpointOverride(s3.endpoint())
                .region(Region.of(s3.region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(s3.accessKeyId(), s3.secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        store = new S3FileStore(client, "store-tests", "prefix/", PART);
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    @Test
    void storesSmallObjectsInOnePutUnderThePrefix() throws IOException {
        long written = store.write("files/small", new ByteArrayInputStream("hello\n".getBytes()));

        assertThat(written).isEqualTo(6);
        assertThat(client.getObjectAsBytes(b -> b.bucket("store-tests").key("prefix/files/small")).asUtf8String())
                .isEqualTo("hello\n");
    }

    @Test
    void storesLargeObjectsAsMultipartUploadsByteExact() throws IOException {
        byte[] content = new byte[2 * PART + 123];
        new Random(3).nextBytes(content);

        long written = store.write("files/large", new ByteArrayInputStream(content));

        assertThat(written).isEqualTo(content.length);
        try (InputStream in = store.read("files/large")) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void abortsTheUploadAndLeavesNothingWhenTheSourceFails() {
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(new byte[PART + 10]),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("client went away");
                    }
                });

        assertThatThrownBy(() -> store.write("files/broken", failing)).hasMessage("client went away");
        assertThatThrownBy(() -> store.read("files/broken")).isInstanceOf(NoSuchFileException.class);
        assertThat(client.listMultipartUploads(b -> b.bucket("store-tests")).uploads()).isEmpty();
    }

    @Test
    void deletesIdempotentlyAndReportsMissingObjects() throws IOException {
        store.write("files/doomed", new ByteArrayInputStream(new byte[] {1}));

        store.delete("files/doomed");
        store.delete("files/doomed");

        assertThatThrownBy(() -> store.read("files/doomed")).isInstanceOf(NoSuchFileException.class);
    }
}

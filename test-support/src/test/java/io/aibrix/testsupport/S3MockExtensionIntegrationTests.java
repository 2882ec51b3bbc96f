package io.aibrix.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.CompletedPart;

class S3MockExtensionIntegrationTests {

    private static final int MIB = 1024 * 1024;

    @RegisterExtension
    static S3MockExtension s3 = S3MockExtension.create("initial-bucket");

    private static S3Client client;

    @BeforeAll
    static void createClient() {
        client = S3Client.builder()
                .endpointOverride(s3.endpoint())
                .region(Region.of(s3.region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(s3.accessKeyId(), s3.secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    @Test
    void servesS3OnTheLoopbackEndpointInUsEast1() {
        assertThat(s3.endpoint().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(Region.of(s3.region())).isEqualTo(Region.US_EAST_1);
    }

    @Test
    void createsTheRequestedBucketsBeforeTheFirstTest() {
        assertThat(s3.buckets()).containsExactly("initial-bucket");
        assertThat(client.listBuckets().buckets()).extracting(Bucket::name).contains("initial-bucket");
    }

    @Test
    void createsBucketsOfLaterHandlesOnTheRunningServer() {
        S3MockExtension later = S3MockExtension.create("later-bucket");

        assertThat(later.endpoint()).isEqualTo(s3.endpoint());
        assertThat(client.listBuckets().buckets()).extracting(Bucket::name).contains("initial-bucket", "later-bucket");
    }

    @Test
    void storesAndReturnsObjects() {
        client.createBucket(b -> b.bucket("objects"));
        client.putObject(b -> b.bucket("objects").key("batch/input.jsonl"),
                RequestBody.fromString("{\"custom_id\":\"1\"}\n", StandardCharsets.UTF_8));

        String body = client.getObjectAsBytes(b -> b.bucket("objects").key("batch/input.jsonl")).asUtf8String();

        assertThat(body).isEqualTo("{\"custom_id\":\"1\"}\n");
    }

    @Test
    void completesAMultipartUpload() {
        String bucket = "multipart";
        String key = "large.bin";
        byte[] firstPart = filled(5 * MIB, (byte) 'a');
        byte[] secondPart = filled(10, (byte) 'b');
        client.createBucket(b -> b.bucket(bucket));

        String uploadId = client.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        String firstTag = client.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(firstPart)).eTag();
        String secondTag = client.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(2),
                RequestBody.fromBytes(secondPart)).eTag();
        client.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(List.of(
                        CompletedPart.builder().partNumber(1).eTag(firstTag).build(),
                        CompletedPart.builder().partNumber(2).eTag(secondTag).build()))));

        assertThat(client.headObject(b -> b.bucket(bucket).key(key)).contentLength()).isEqualTo(5L * MIB + 10);
        byte[] stored = client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
        assertThat(stored[0]).isEqualTo((byte) 'a');
        assertThat(stored[5 * MIB]).isEqualTo((byte) 'b');
    }

    private static byte[] filled(int size, byte value) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, value);
        return bytes;
    }
}

package io.aibrix.batch.storage;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the {@link FileStore}: S3 when a bucket is configured, else the local directory. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

    @Bean
    FileStore fileStore(StorageProperties properties) throws IOException {
        FileStore store = properties.s3().enabled()
                ? s3Store(properties.s3())
                : new LocalFileStore(properties.local().directory());
        log.info("Files are stored in the {}", store);
        return store;
    }

    private static FileStore s3Store(StorageProperties.S3 s3) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(s3.region()))
                .forcePathStyle(s3.pathStyle())
                .credentialsProvider(credentials(s3))
                // S3-compatible stores often reject the newer default checksum headers; S3 itself needs none.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (s3.endpoint() != null) {
            builder.endpointOverride(s3.endpoint());
        }
        return new S3FileStore(builder.build(), s3.bucket(), s3.prefix(), Math.toIntExact(s3.partSize().toBytes()));
    }

    private static AwsCredentialsProvider credentials(StorageProperties.S3 s3) {
        if (s3.accessKeyId() != null && s3.secretAccessKey() != null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKeyId(),
                    s3.secretAccessKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}

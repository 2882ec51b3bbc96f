package io.aibrix.metadata.adapters;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link ArtifactUrls}. */
class ArtifactUrlsTests {

    @ParameterizedTest
    @ValueSource(strings = {"s3://adapters/sql-lora", "s3://my.bucket/a/b/c.safetensors", "hf://yard1/sql-lora",
            "hf://sql-lora", "huggingface://org/repo", "/models/sql-lora", "file:///models/sql-lora"})
    void acceptsTheSupportedLocations(String url) {
        assertThat(ArtifactUrls.isValid(url)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "relative/path", "ftp://host/x", "s3://bucket", "s3://b/k", "s3://Bucket/k",
            "hf://", "hf://org/repo/extra", "/", "/models/../etc/passwd", "gs://bucket/key", "https://hf.co/x"})
    void refusesEverythingElse(String url) {
        assertThat(ArtifactUrls.isValid(url)).isFalse();
    }
}

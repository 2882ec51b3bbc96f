package io.aibrix.batch.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link LocalFileStore}. */
class LocalFileStoreTests {

    @TempDir
    Path root;

    @Test
    void writesAndReadsBackTheExactBytes() throws IOException {
        FileStore store = new LocalFileStore(root.resolve("store"));
        byte[] content = new byte[1_000_000];
        new Random(1).nextBytes(content);

        long written = store.write("files/file-a", new ByteArrayInputStream(content));

        assertThat(written).isEqualTo(content.length);
        try (InputStream in = store.read("files/file-a")) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void leavesNothingBehindWhenTheSourceFails() throws IOException {
        FileStore store = new LocalFileStore(root);
        InputStream failing = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (served++ > 10) {
                    throw new IOException("client went away");
                }
                return 'x';
            }
        };

        assertThatThrownBy(() -> store.write("files/file-b", failing)).hasMessage("client went away");
        try (Stream<Path> left = Files.walk(root)) {
            assertThat(left.filter(Files::isRegularFile)).isEmpty();
        }
        assertThatThrownBy(() -> store.read("files/file-b")).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void deletesIdempotently() throws IOException {
        FileStore store = new LocalFileStore(root);
        store.write("files/file-c", new ByteArrayInputStream(new byte[] {1}));

        store.delete("files/file-c");
        store.delete("files/file-c");

        assertThatThrownBy(() -> store.read("files/file-c")).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void refusesKeysThatEscapeTheRoot() throws IOException {
        FileStore store = new LocalFileStore(root);

        assertThatThrownBy(() -> store.read("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.read("/abs")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete("a//b")).isInstanceOf(IllegalArgumentException.class);
    }
}

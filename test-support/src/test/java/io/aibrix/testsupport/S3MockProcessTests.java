package io.aibrix.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3MockProcessTests {

    @TempDir
    Path temp;

    @Test
    void prefersTheJarNamedByTheSystemProperty() throws IOException {
        Path configured = Files.createFile(temp.resolve("s3mock.jar"));
        Path repository = Files.createDirectories(temp.resolve("repository"));
        repositoryJar(repository, "4.12.4");

        assertThat(S3MockProcess.locateJar(configured.toString(), "4.12.4", repository.toString()))
                .isEqualTo(configured);
    }

    @Test
    void fallsBackToTheExecJarInTheLocalMavenRepository() throws IOException {
        Path repository = Files.createDirectories(temp.resolve("repository"));
        Path jar = repositoryJar(repository, "4.12.4");

        assertThat(S3MockProcess.locateJar(temp.resolve("missing.jar").toString(), "4.12.4", repository.toString()))
                .isEqualTo(jar);
        assertThat(S3MockProcess.locateJar(null, "4.12.4", repository.toString())).isEqualTo(jar);
    }

    @Test
    void namesBothPlacesWhenTheJarIsMissing() {
        String missing = temp.resolve("missing.jar").toString();

        assertThatThrownBy(() -> S3MockProcess.locateJar(missing, "4.12.4", temp.toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("s3mock.jar (" + missing + ")")
                .hasMessageContaining(Path.of(temp.toString(), "com", "adobe", "testing", "s3mock", "4.12.4",
                        "s3mock-4.12.4-exec.jar").toString());
    }

    @Test
    void reportsAChildThatExitsEarlyWithTheTailOfItsLog() throws IOException {
        Path notAJar = Files.writeString(temp.resolve("broken.jar"), "not a jar");

        assertThatThrownBy(() -> S3MockProcess.start(notAJar, List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("S3Mock exited with code")
                .hasMessageContaining("Invalid or corrupt jarfile");
    }

    private static Path repositoryJar(Path repository, String version) throws IOException {
        Path directory = Files.createDirectories(repository.resolve(Path.of("com", "adobe", "testing", "s3mock", version)));
        return Files.createFile(directory.resolve("s3mock-" + version + "-exec.jar"));
    }
}

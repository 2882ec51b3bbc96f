package io.aibrix.autoscaler.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.aibrix.autoscaler.actuator.ActuatorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tests for how {@link EngineLauncher} finds the engine-simulator jar. */
class EngineLauncherTests {

    @TempDir
    Path directory;

    @Test
    void takesTheJarItIsGivenOrTheOneEngineJarOfADirectory() throws Exception {
        Path jar = Files.createFile(directory.resolve("engine-simulator-0.1.0-SNAPSHOT-exec.jar"));
        Files.createFile(directory.resolve("engine-simulator-0.1.0-SNAPSHOT.jar"));
        Files.createDirectory(directory.resolve("classes"));

        assertThat(EngineLauncher.engineJar(jar, "R")).isEqualTo(jar);
        assertThat(EngineLauncher.engineJar(directory, "R")).as("a build's target directory").isEqualTo(jar);
    }

    @Test
    void refusesADirectoryWithoutExactlyOneEngineJarAndAMissingJar() throws IOException {
        assertThatThrownBy(() -> EngineLauncher.engineJar(directory, "R")).isInstanceOf(ActuatorException.class)
                .hasMessageContaining("holds 0");
        Files.createFile(directory.resolve("engine-simulator-0.1.0-exec.jar"));
        Files.createFile(directory.resolve("engine-simulator-0.2.0-exec.jar"));
        assertThatThrownBy(() -> EngineLauncher.engineJar(directory, "R")).hasMessageContaining("holds 2");
        assertThatThrownBy(() -> EngineLauncher.engineJar(directory.resolve("missing.jar"), "R"))
                .hasMessageContaining("missing.jar");
        assertThatThrownBy(() -> EngineLauncher.engineJar(null, "R")).hasMessageContaining("'null'");
    }
}

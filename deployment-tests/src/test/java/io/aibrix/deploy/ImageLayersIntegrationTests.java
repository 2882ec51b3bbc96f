package io.aibrix.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for deploy/docker/Dockerfile without a Docker engine: its first stage's command, run here on every service's
 * exec jar, yields the layer directories its second stage copies, and they hold the launcher its entry point starts.
 */
class ImageLayersIntegrationTests {

    private static final List<String> MODULES = List.of("gateway-service", "metadata-service", "batch-service",
            "lora-manager", "kvcache-coordinator", "autoscaler-service", "engine-simulator");

    @Test
    void extractsTheLayersTheDockerfileCopiesFromEveryServiceJar(@TempDir Path work) throws Exception {
        String dockerfile = Files.readString(DeployFiles.path("deploy/docker/Dockerfile"));
        List<String> layers = copiedLayers(dockerfile);
        String launcher = entryPointClass(dockerfile);
        assertThat(layers).containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies",
                "application");

        for (String module : MODULES) {
            Path destination = work.resolve(module);
            Path jar = Path.of(System.getProperty("services.directory", "target/services"), module + ".jar");
            Process extract = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djarmode=tools", "-jar", jar.toString(), "extract", "--layers", "--launcher", "--destination",
                    destination.toString()).redirectErrorStream(true).start();
            String output = new String(extract.getInputStream().readAllBytes());
            assertThat(extract.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(extract.exitValue()).as(module + ": " + output).isZero();

            for (String layer : layers) {
                assertThat(destination.resolve(layer)).as(module).isDirectory();
            }
            assertThat(destination.resolve("spring-boot-loader").resolve(launcher.replace('.', '/') + ".class"))
                    .as(module).isRegularFile();
            assertThat(destination.resolve("application/BOOT-INF/classes")).as(module).isDirectory();
        }
    }

    private static List<String> copiedLayers(String dockerfile) {
        Matcher copy = Pattern.compile("COPY --from=layers /build/extracted/([a-z-]+)/ \\./").matcher(dockerfile);
        List<String> layers = new ArrayList<>();
        while (copy.find()) {
            layers.add(copy.group(1));
        }
        return layers;
    }

    private static String entryPointClass(String dockerfile) {
        Matcher entry = Pattern.compile("ENTRYPOINT .*exec java \\$JAVA_OPTS ([\\w.]+)").matcher(dockerfile);
        assertThat(entry.find()).as("ENTRYPOINT starting the launcher").isTrue();
        return entry.group(1);
    }
}

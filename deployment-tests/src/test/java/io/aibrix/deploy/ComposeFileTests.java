package io.aibrix.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for docker-compose.yml and .env at the repository root: docker-compose itself validates the file (its schema,
 * interpolation from .env, anchors) and prints the resolved configuration, which the other tests read.
 */
class ComposeFileTests {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> SUITE = Set.of("gateway", "metadata-service", "batch-service", "lora-manager",
            "kvcache-coordinator", "autoscaler", "engine-0", "engine-1", "engine-2", "postgres", "redis", "minio");
    /** One-shot jobs: they exit when done, so they have no health check and others wait for their completion. */
    private static final Set<String> ONE_SHOT = Set.of("minio-init");

    private static JsonNode resolved;

    @BeforeAll
    static void resolveWithDockerCompose() throws Exception {
        resolved = YAML.readTree(dockerCompose("config"));
    }

    @Test
    void validatesWithDockerCompose() throws Exception {
        assertThat(dockerCompose("config", "--quiet")).isEmpty();
    }

    @Test
    void runsTheWholeSuiteWithThreeSimulatedEngines() {
        assertThat(names(resolved.path("services"))).containsAll(SUITE);
    }

    @Test
    void givesEveryLongRunningServiceAHealthCheckAndAMemoryLimit() {
        resolved.path("services").properties().forEach(service -> {
            String name = service.getKey();
            assertThat(service.getValue().path("mem_limit").asText()).as(name + " mem_limit").isNotBlank();
            if (!ONE_SHOT.contains(name)) {
                assertThat(service.getValue().path("healthcheck").path("test")).as(name + " healthcheck")
                        .isNotEmpty();
            }
        });
    }

    @Test
    void startsServicesOnlyOnceWhatTheyNeedIsHealthy() {
        resolved.path("services").properties().forEach(service -> service.getValue().path("depends_on")
                .properties().forEach(dependency -> {
                    String expected = ONE_SHOT.contains(dependency.getKey()) ? "service_completed_successfully"
                            : "service_healthy";
                    assertThat(dependency.getValue().path("condition").asText())
                            .as(service.getKey() + " -> " + dependency.getKey()).isEqualTo(expected);
                }));
    }

    @Test
    void buildsEverySuiteImageFromTheOneDockerfileAndAModuleJar() {
        List<String> built = new ArrayList<>();
        resolved.path("services").properties().forEach(service -> {
            JsonNode build = service.getValue().path("build");
            if (build.isMissingNode()) {
                return;
            }
            String module = build.path("args").path("SERVICE").asText();
            assertThat(build.path("dockerfile").asText()).as(service.getKey()).isEqualTo("deploy/docker/Dockerfile");
            assertThat(DeployFiles.path(module + "/pom.xml")).as(service.getKey() + " SERVICE=" + module)
                    .isRegularFile();
            built.add(service.getKey());
        });
        assertThat(built).contains("gateway", "metadata-service", "batch-service", "lora-manager",
                "kvcache-coordinator", "autoscaler", "engine-0", "engine-1", "engine-2");
    }

    @Test
    void takesEveryPortAndCredentialFromTheEnvFileAndNothingElse() throws IOException {
        Set<String> defined = new TreeSet<>();
        for (String line : Files.readAllLines(DeployFiles.path(".env"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                defined.add(line.substring(0, line.indexOf('=')));
            }
        }
        Set<String> used = new TreeSet<>();
        Matcher variable = Pattern.compile("(?<!\\$)\\$\\{([A-Z0-9_]+)}").matcher(
                Files.readString(DeployFiles.path("docker-compose.yml")));
        while (variable.find()) {
            used.add(variable.group(1));
        }

        assertThat(used).isEqualTo(defined);
    }

    @Test
    void publishesTheGatewayOnTheEnvFilesPort() throws IOException {
        String port = Files.readAllLines(DeployFiles.path(".env")).stream()
                .filter(line -> line.startsWith("GATEWAY_PORT=")).findFirst().orElseThrow().substring(13);
        JsonNode published = resolved.path("services").path("gateway").path("ports").get(0);

        assertThat(published.path("published").asText()).isEqualTo(port);
        assertThat(published.path("target").asInt()).isEqualTo(8080);
    }

    @Test
    void setsOnlyDocumentedPropertiesInTheServicesEnvironment() {
        Map<String, String> sections = Map.of("gateway", "Gateway", "metadata-service", "Metadata service",
                "batch-service", "Batch service", "lora-manager", "LoRA manager",
                "kvcache-coordinator", "KV-cache coordinator", "autoscaler", "Autoscaler");
        Map<String, List<String>> documented = ReadmeProperties.cellsBySection();

        sections.forEach((service, section) -> resolved.path("services").path(service).path("environment")
                .properties().forEach(variable -> {
                    String name = variable.getKey();
                    if (name.equals("JAVA_OPTS") || name.startsWith("SPRING_") || name.startsWith("SERVER_")) {
                        return;
                    }
                    assertThat(ReadmeProperties.documentedAsEnvironment(documented.get(section), name))
                            .as(service + ": " + name + " sets no property of the README's " + section + " table")
                            .isTrue();
                }));
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.properties().forEach(property -> names.add(property.getKey()));
        return names;
    }

    /** Runs docker-compose (v1 from the distribution, or v2 through docker) on the root's files; returns stdout. */
    static String dockerCompose(String... arguments) throws Exception {
        Path root = DeployFiles.root();
        List<String> command = new ArrayList<>(List.of("docker-compose", "--project-directory", root.toString(), "-f",
                root.resolve("docker-compose.yml").toString(), "--env-file", root.resolve(".env").toString()));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(false).start();
        }
        catch (IOException e) {
            throw new AssertionError("docker-compose is not installed (apt-get install docker-compose; .ci/run"
                    + " installs it): " + e.getMessage(), e);
        }
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("docker-compose " + String.join(" ", arguments) + ":\n" + err)
                .isZero();
        return out;
    }
}

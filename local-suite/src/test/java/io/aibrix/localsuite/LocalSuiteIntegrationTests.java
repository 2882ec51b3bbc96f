package io.aibrix.localsuite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LocalSuite}: the launcher jar as {@code ./run} starts it (metadata-service, two engines on the
 * {@code zero} profile, lora-manager, the gateway), driven by the official OpenAI Java SDK.
 */
class LocalSuiteIntegrationTests {

    private static final String MODEL = "llama3-8b";
    private static final String ADAPTER = "llama3-8b-sql-lora";
    private static final int ENGINES = 2;

    private final List<String> output = new ArrayList<>();
    private Process launcher;
    private Thread outputReader;

    @AfterEach
    void stopLauncher() throws InterruptedException {
        if (launcher != null && launcher.isAlive()) {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
            launcher.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void servesTheModelAndItsAdapterToTheOpenAiSdkAndStopsEveryServiceOnExit() throws Exception {
        int enginePort = FreePorts.consecutive(ENGINES);
        int port = FreePorts.outside(enginePort, ENGINES);
        int metadataPort = FreePorts.outside(enginePort, ENGINES);
        int loraManagerPort = FreePorts.outside(enginePort, ENGINES);
        start(port, enginePort, metadataPort, loraManagerPort);
        // Children, not descendants: metadata-service's embedded PostgreSQL runs as its own processes.
        List<ProcessHandle> services = launcher.children().toList();
        assertThat(services).hasSize(4);

        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl("http://localhost:" + port + "/v1").apiKey("x")
                .maxRetries(0).build();
        try {
            for (String model : List.of(MODEL, ADAPTER)) {
                StringBuilder content = new StringBuilder();
                List<String> finishReasons = new ArrayList<>();
                ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model(model)
                        .addUserMessage("hello from the local suite").maxCompletionTokens(8).build();
                try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions()
                        .createStreaming(params)) {
                    stream.stream().flatMap(chunk -> chunk.choices().stream()).forEach(choice -> {
                        choice.delta().content().ifPresent(content::append);
                        choice.finishReason().ifPresent(reason -> finishReasons.add(reason.asString()));
                    });
                }
                assertThat(content.toString()).as(model).isNotBlank();
                assertThat(finishReasons).as(model).singleElement().isIn("length", "stop");
            }

            assertThat(client.models().list().data()).extracting(Model::id).contains(MODEL, ADAPTER);
        }
        finally {
            client.close();
        }

        // SIGTERM, as a service manager or kill sends. Through the handle: Process.destroy() also closes our end of
        // the launcher's output, which would hide what it prints while stopping.
        launcher.toHandle().destroy();
        assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).as("launcher stopped").isTrue();
        assertThat(outputReader.join(Duration.ofSeconds(5))).as("launcher output read to the end").isTrue();
        assertThat(services).noneMatch(ProcessHandle::isAlive);
        assertThat(output()).contains("[metadata] ", "[engines] ", "[lora-manager] ", "[gateway] ",
                "[local-suite] stopping gateway", "[local-suite] stopping metadata", "ADMIN_TOKEN=");
    }

    /** Starts the launcher jar and returns once it has printed its ready banner. */
    private void start(int port, int enginePort, int metadataPort, int loraManagerPort)
            throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("local-suite.launcher-jar"));
        assertThat(jar).as("launcher jar (run the package phase first)").isRegularFile();
        List<String> command = List.of(StubService.java(), "-jar", jar.toString(), "--port=" + port,
                "--engines=" + ENGINES, "--engine-base-port=" + enginePort, "--metadata-port=" + metadataPort,
                "--lora-manager-port=" + loraManagerPort, "--profile=zero",
                "--lora-manager-arg=--lora.reconcile.interval=500ms",
                "--startup-timeout=60", "--services-dir=" + System.getProperty("local-suite.services-dir"));
        launcher = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        outputReader = Thread.ofPlatform().daemon().start(() -> readOutput(ready));
        try {
            ready.get(150, TimeUnit.SECONDS);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new AssertionError("the suite did not become ready:\n" + output(), ex);
        }
    }

    private void readOutput(CompletableFuture<Void> ready) {
        try (BufferedReader reader = launcher.inputReader()) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (output) {
                    output.add(line);
                }
                if (line.startsWith("aibrix local suite ready")) {
                    ready.complete(null);
                }
            }
            ready.completeExceptionally(new IllegalStateException("launcher exited with code "
                    + launcher.waitFor()));
        }
        catch (IOException ex) {
            ready.completeExceptionally(new UncheckedIOException(ex));
        }
        catch (InterruptedException ex) {
            ready.completeExceptionally(ex);
            Thread.currentThread().interrupt();
        }
    }

    private String output() {
        synchronized (output) {
            return output.stream().collect(Collectors.joining(System.lineSeparator()));
        }
    }
}

package io.aibrix.metadata.database;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import io.aibrix.metadata.MetadataApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link DatabaseConfiguration}: with no datasource URL the service brings its own real PostgreSQL. */
class DatabaseConfigurationIntegrationTests {

    @TempDir
    Path dataDirectory;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void startsAnEmbeddedPostgresWhoseDataSurvivesARestart() throws Exception {
        String[] args = {"--server.port=0", "--metadata.security.enabled=false",
                "--metadata.embedded-database.data-directory=" + dataDirectory};
        try (ConfigurableApplicationContext first = MetadataApplication.application().run(args)) {
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(uri(first, "/admin/v1/models"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"llama\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);
        }
        try (ConfigurableApplicationContext second = MetadataApplication.application().run(args)) {
            HttpResponse<String> models = http.send(HttpRequest.newBuilder(uri(second, "/v1/models")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(models.body()).contains("\"id\":\"llama\"");
        }
    }

    private static URI uri(ConfigurableApplicationContext context, String path) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return URI.create("http://127.0.0.1:" + port + path);
    }
}

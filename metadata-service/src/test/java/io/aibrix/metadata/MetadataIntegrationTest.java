package io.aibrix.metadata;

import io.aibrix.testsupport.EmbeddedPostgresExtension;
import io.aibrix.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running service on a real PostgreSQL, shared by every integration test class (one Spring context, one
 * database); each test starts from empty tables and a clock at its start instant.
 */
@SpringBootTest(classes = MetadataApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + MetadataApplication.CONFIG_NAME,
                "metadata.security.admin-token=" + MetadataIntegrationTest.ADMIN_TOKEN,
                "metadata.security.internal-token=" + MetadataIntegrationTest.INTERNAL_TOKEN,
                "metadata.engines.ttl=30s"})
@Import(MetadataIntegrationTest.TestClock.class)
public abstract class MetadataIntegrationTest {

    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";

    public static final String INTERNAL_TOKEN = "test-internal-token-0123456789";

    @RegisterExtension
    static final EmbeddedPostgresExtension postgres = EmbeddedPostgresExtension.create();

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    protected MutableClock clock;

    protected Api api;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        postgres.springProperties("metadata_it").forEach((key, value) -> registry.add(key, () -> value));
    }

    @BeforeEach
    void emptyTables() {
        jdbc.execute("TRUNCATE api_keys, users, lora_adapters, models, engines");
        clock.set(new MutableClock().instant());
        api = new Api("http://127.0.0.1:" + port, ADMIN_TOKEN, INTERNAL_TOKEN);
    }

    /** Creates a model with defaults; returns its name. */
    protected String model(String name) {
        Api.Response response = api.admin("POST", "/admin/v1/models", "{\"name\":\"" + name + "\"}");
        if (response.status() != 201) {
            throw new IllegalStateException("Model not created: " + response);
        }
        return name;
    }

    /** Creates an adapter of {@code baseModel} with defaults; returns its name. */
    protected String adapter(String name, String baseModel) {
        Api.Response response = api.admin("POST", "/admin/v1/adapters", "{\"name\":\"" + name + "\",\"baseModel\":\""
                + baseModel + "\",\"artifactUrl\":\"s3://adapters/" + name + "\"}");
        if (response.status() != 201) {
            throw new IllegalStateException("Adapter not created: " + response);
        }
        return name;
    }

    /** The test clock replaces the system clock everywhere in the service. */
    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock();
        }
    }
}

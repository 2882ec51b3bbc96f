package io.aibrix.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server (zonky embedded binaries) shared by every test class in the JVM, so database tests run
 * against the same engine as production without Docker and pay the start-up cost once.
 *
 * <p>Register it with {@code @RegisterExtension static EmbeddedPostgresExtension pg = EmbeddedPostgresExtension.create();}
 * or {@code @ExtendWith(EmbeddedPostgresExtension.class)}. The server starts on first use (the extension's
 * {@code beforeAll} or any accessor, so {@code @DynamicPropertySource} methods may call it directly) and stops in a JVM
 * shutdown hook. Give each test class its own database via {@link #createDatabase} or {@link #springProperties} so
 * classes stay isolated.
 */
public final class EmbeddedPostgresExtension implements BeforeAllCallback {

    private static final String DEFAULT_DATABASE = "postgres";
    private static final String USERNAME = "postgres";
    /** The server uses trust authentication, so any password is accepted; a non-empty one keeps clients happy. */
    private static final String PASSWORD = "postgres";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String DUPLICATE_DATABASE = "42P04";

    private static EmbeddedPostgres server;

    private EmbeddedPostgresExtension() {
    }

    public static EmbeddedPostgresExtension create() {
        return new EmbeddedPostgresExtension();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server();
    }

    /** JDBC URL of the default {@code postgres} database. */
    public String jdbcUrl() {
        return jdbcUrl(DEFAULT_DATABASE);
    }

    public String username() {
        return USERNAME;
    }

    public String password() {
        return PASSWORD;
    }

    /** A superuser data source on the default {@code postgres} database. */
    public DataSource dataSource() {
        return server().getPostgresDatabase();
    }

    /**
     * Creates a new, empty database and returns its JDBC URL.
     *
     * @param name lower-case letters, digits and underscores; must not exist yet in this JVM's server
     * @throws IllegalStateException if a database of that name already exists
     */
    public String createDatabase(String name) {
        if (!tryCreate(requireValidName(name))) {
            throw new IllegalStateException("Database '" + name + "' already exists in this JVM's embedded"
                    + " PostgreSQL; give each test class a unique database name");
        }
        return jdbcUrl(name);
    }

    /**
     * {@code spring.datasource.url}, {@code username} and {@code password} for {@code database}, creating the database
     * if it does not exist yet. Meant for {@code @DynamicPropertySource}:
     * {@code pg.springProperties("orders").forEach((k, v) -> registry.add(k, () -> v))}.
     */
    public Map<String, String> springProperties(String database) {
        tryCreate(requireValidName(database));
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", jdbcUrl(database));
        properties.put("spring.datasource.username", USERNAME);
        properties.put("spring.datasource.password", PASSWORD);
        return properties;
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + server().getPort() + "/" + database;
    }

    /** Creates the database unless it exists; returns whether this call created it. */
    private boolean tryCreate(String name) {
        if (DEFAULT_DATABASE.equals(name)) {
            return false;
        }
        try (Connection connection = dataSource().getConnection();
                PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
                Statement create = connection.createStatement()) {
            exists.setString(1, name);
            try (ResultSet row = exists.executeQuery()) {
                if (row.next()) {
                    return false;
                }
            }
            create.execute("CREATE DATABASE " + name);
            return true;
        } catch (SQLException e) {
            if (DUPLICATE_DATABASE.equals(e.getSQLState())) {
                return false;
            }
            throw new IllegalStateException("Could not create database '" + name + "'", e);
        }
    }

    private static String requireValidName(String name) {
        if (name == null || !DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Database name must match " + DATABASE_NAME + ": " + name);
        }
        return name;
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
            }
        }
        return server;
    }
}

package io.aibrix.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddedPostgresExtensionIntegrationTests {

    @RegisterExtension
    static EmbeddedPostgresExtension pg = EmbeddedPostgresExtension.create();

    @Test
    void startsRealPostgresAndRunsQueries() throws SQLException {
        try (Connection connection = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
                Statement statement = connection.createStatement()) {
            assertThat(queryString(statement, "select version()")).startsWith("PostgreSQL 17");

            statement.execute("create table queue_item (id bigint primary key, payload jsonb not null)");
            statement.execute("insert into queue_item values (1, '{\"tokens\": 3}'), (2, '{\"tokens\": 4}')");
            assertThat(queryString(statement, "select sum((payload->>'tokens')::int) from queue_item")).isEqualTo("7");
            assertThat(queryString(statement,
                    "select count(*) from (select id from queue_item for update skip locked) locked")).isEqualTo("2");
            statement.execute("drop table queue_item");
        }
    }

    @Test
    void dataSourceConnectsToTheSameServer() throws SQLException {
        try (Connection connection = pg.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            assertThat(queryString(statement, "select current_database()")).isEqualTo("postgres");
            assertThat(connection.getMetaData().getURL()).startsWith(pg.jdbcUrl());
        }
    }

    @Test
    void createdDatabasesAreIsolatedFromEachOther() throws SQLException {
        String first = pg.createDatabase("isolation_first");
        String second = pg.createDatabase("isolation_second");

        try (Connection connection = DriverManager.getConnection(first, pg.username(), pg.password());
                Statement statement = connection.createStatement()) {
            assertThat(queryString(statement, "select current_database()")).isEqualTo("isolation_first");
            statement.execute("create table only_in_first (id int)");
        }
        try (Connection connection = DriverManager.getConnection(second, pg.username(), pg.password());
                Statement statement = connection.createStatement()) {
            assertThat(queryString(statement, "select current_database()")).isEqualTo("isolation_second");
            assertThat(queryString(statement, "select to_regclass('only_in_first') is null")).isEqualTo("t");
        }
    }

    @Test
    void refusesToCreateADatabaseTwice() {
        pg.createDatabase("created_once");

        assertThatThrownBy(() -> pg.createDatabase("created_once"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("created_once");
    }

    @Test
    void rejectsDatabaseNamesThatAreNotPlainIdentifiers() {
        assertThatThrownBy(() -> pg.createDatabase("x; drop database postgres"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void springPropertiesPointAtAFreshDatabaseAndCanBeRequestedRepeatedly() throws SQLException {
        Map<String, String> properties = pg.springProperties("spring_consumer");

        assertThat(pg.springProperties("spring_consumer")).isEqualTo(properties);
        assertThat(properties).containsOnlyKeys(
                "spring.datasource.url", "spring.datasource.username", "spring.datasource.password");
        try (Connection connection = DriverManager.getConnection(properties.get("spring.datasource.url"),
                properties.get("spring.datasource.username"), properties.get("spring.datasource.password"));
                Statement statement = connection.createStatement()) {
            assertThat(queryString(statement, "select current_database()")).isEqualTo("spring_consumer");
        }
    }

    @Test
    void everyHandleSharesTheOneServerOfTheJvm() {
        assertThat(EmbeddedPostgresExtension.create().jdbcUrl()).isEqualTo(pg.jdbcUrl());
    }

    private static String queryString(Statement statement, String sql) throws SQLException {
        try (ResultSet resultSet = statement.executeQuery(sql)) {
            assertThat(resultSet.next()).isTrue();
            return resultSet.getString(1);
        }
    }
}

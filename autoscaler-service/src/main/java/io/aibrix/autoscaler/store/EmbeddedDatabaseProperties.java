package io.aibrix.autoscaler.store;

import java.nio.file.Path;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code autoscaler.embedded-database.*}: the real PostgreSQL the local mode starts in-process when
 * {@code spring.datasource.url} is not set.
 *
 * @param dataDirectory where its data lives; kept across restarts, created (initdb) when empty
 * @param port          its port on localhost; {@code 0} picks a free one at each start
 */
@ConfigurationProperties("autoscaler.embedded-database")
@Validated
record EmbeddedDatabaseProperties(
        @DefaultValue("data/autoscaler-postgres") @NotNull Path dataDirectory,
        @DefaultValue("0") @Min(0) @Max(65535) int port) {
}

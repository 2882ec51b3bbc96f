package io.aibrix.kvcache.publication;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.lang.Nullable;
import org.springframework.validation.annotation.Validated;

/**
 * {@code kvcache.publication.*}: the long-poll watch and the Redis document.
 *
 * @param watchTimeout a watch with no newer version answers with the current ring after this long
 * @param redis        {@code kvcache.publication.redis.*}
 */
@ConfigurationProperties("kvcache.publication")
@Validated
record PublicationProperties(
        @NotNull @DurationMin(millis = 10) @DurationMax(minutes = 10) @DefaultValue("30s") Duration watchTimeout,
        @DefaultValue @Valid Redis redis) {

    /**
     * @param url               Lettuce URI ({@code redis://[:password@]host:port[/database]}); unset or blank: no
     *                          Redis document is written
     * @param timeout           connect and command timeout
     * @param republishInterval every cluster's document is written again this often, so a restarted or flushed
     *                          Redis gets it back without waiting for a ring change
     */
    record Redis(
            @Nullable String url,
            @NotNull @DurationMin(millis = 10) @DefaultValue("2s") Duration timeout,
            @NotNull @DurationMin(millis = 100) @DefaultValue("30s") Duration republishInterval) {

        boolean enabled() {
            return url != null && !url.isBlank();
        }
    }
}

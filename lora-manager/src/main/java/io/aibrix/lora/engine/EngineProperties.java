package io.aibrix.lora.engine;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code lora.engine.*}: calls to the engines.
 *
 * @param connectTimeout time to open a connection
 * @param requestTimeout time for a whole answer; loads can be slow when the engine fetches weights (AIBrix: 30 s)
 */
@ConfigurationProperties("lora.engine")
@Validated
public record EngineProperties(
        @NotNull @DefaultValue("2s") Duration connectTimeout,
        @NotNull @DefaultValue("30s") Duration requestTimeout) {
}

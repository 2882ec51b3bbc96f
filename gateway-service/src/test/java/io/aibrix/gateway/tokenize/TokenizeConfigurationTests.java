package io.aibrix.gateway.tokenize;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link TokenizeConfiguration}. */
class TokenizeConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(TokenizeConfiguration.class, Properties.class)
            .withBean(SimpleMeterRegistry.class);

    @Test
    void exposesTheTokenizerWithItsDefaultTimeout() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(EngineTokenizer.class);
            assertThat(context.getBean(EngineTokenizer.class)).hasToString("EngineTokenizer[timeout=PT0.2S]");
            assertThat(context.getBean(TokenizeProperties.class).maxConnections()).isEqualTo(32);
            assertThat(context.getBean(TokenizeProperties.class).conversationCache()).isTrue();
            assertThat(context.getBean(TokenizeProperties.class).conversationCacheEntries()).isEqualTo(10_000);
            assertThat(context.getBean(TokenizeProperties.class).conversationCacheTokens()).isEqualTo(8_000_000);
        });
    }

    @Test
    void rejectsANonPositiveTimeout() {
        runner.withPropertyValues("gateway.tokenize.timeout=0ms").run(context -> assertThat(
                context.getStartupFailure()).hasStackTraceContaining("gateway.tokenize.timeout"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(TokenizeProperties.class)
    static class Properties {
    }
}

package io.aibrix.gateway.pd;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link PdProperties}. */
class PdPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withUserConfiguration(BindProperties.class);

    @Test
    void bindsTheDocumentedDefaults() {
        runner.run(context -> assertThat(context.getBean(PdProperties.class)).isEqualTo(PdProperties.defaults()));
    }

    @Test
    void bindsItsProperties() {
        runner.withPropertyValues("gateway.routing.pd.prefill-timeout=5s", "gateway.routing.pd.prefix-weight=2.5",
                "gateway.routing.pd.load-stddev-factor=0.5", "gateway.routing.pd.prefill-imbalance-threshold=4",
                "gateway.routing.pd.decode-imbalance-threshold=8")
            .run(context -> assertThat(context.getBean(PdProperties.class))
                .isEqualTo(new PdProperties(Duration.ofSeconds(5), 2.5, 0.5, 4, 8)));
    }

    @Test
    void refusesToStartWithUnusableProperties() {
        runner.withPropertyValues("gateway.routing.pd.prefill-timeout=0s")
            .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("gateway.routing.pd.decode-imbalance-threshold=0")
            .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("gateway.routing.pd.prefix-weight=-1")
            .run(context -> assertThat(context).hasFailed());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PdProperties.class)
    static class BindProperties {
    }
}

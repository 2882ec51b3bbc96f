package io.aibrix.gateway.discovery;

import io.aibrix.gateway.endpoint.Endpoint;
import io.aibrix.gateway.endpoint.EndpointSource;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.SimpleCommandLinePropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link DiscoveryConfiguration}. */
class DiscoveryConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Discovery.class);

    @Test
    void staticIsTheDefaultSource() {
        runner.withPropertyValues("gateway.discovery.static.models[0].name=m",
                        "gateway.discovery.static.models[0].endpoints[0]=127.0.0.1:8000")
                .run(context -> {
                    assertThat(context).hasSingleBean(EndpointSource.class);
                    EndpointSource source = context.getBean(EndpointSource.class);
                    assertThat(source.name()).isEqualTo("static");
                    assertThat(source.snapshots().blockFirst().endpoints("m"))
                            .containsExactly(Endpoint.of("127.0.0.1", 8000));
                });
    }

    @Test
    void staticModelsBindFromCommandLineArgumentsWithCommaSeparatedEndpoints() {
        SimpleCommandLinePropertySource args = new SimpleCommandLinePropertySource(
                "--gateway.discovery.static.models[0].name=m",
                "--gateway.discovery.static.models[0].endpoints=http://127.0.0.1:8000,http://127.0.0.1:8001",
                "--gateway.discovery.static.models[1].name=pd",
                "--gateway.discovery.static.models[1].prefill=10.0.0.1:8000",
                "--gateway.discovery.static.models[1].decode=10.0.0.2:8000",
                "--gateway.discovery.static.models[1].metrics-port=9000");
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(args))
                .run(context -> {
                    var snapshot = context.getBean(EndpointSource.class).snapshots().blockFirst();
                    assertThat(snapshot.endpoints("m"))
                            .containsExactly(Endpoint.of("127.0.0.1", 8000), Endpoint.of("127.0.0.1", 8001));
                    assertThat(snapshot.endpoints("pd")).containsExactly(
                            new Endpoint("10.0.0.1:8000", "10.0.0.1", 8000, 9000, "prefill", true),
                            new Endpoint("10.0.0.2:8000", "10.0.0.2", 8000, 9000, "decode", true));
                });
    }

    @Test
    void startsWithNoDiscoveryConfigurationAtAll() {
        runner.run(context -> assertThat(context.getBean(EndpointSource.class).snapshots().blockFirst().models())
                .isEmpty());
    }

    @Test
    void invalidStaticConfigurationFailsStartupNamingTheValue() {
        runner.withPropertyValues("gateway.discovery.static.models[0].name=m",
                        "gateway.discovery.static.models[0].endpoints[0]=127.0.0.1")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("gateway.discovery.static.models[0].endpoints[0]")
                        .hasMessageContaining("'127.0.0.1'"));
    }

    @Test
    void unknownSourceFailsStartupNamingTheValueAndTheValidOnes() {
        runner.withPropertyValues("gateway.discovery.source=consul")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessage("gateway.discovery.source 'consul' is not one of static, metadata, kubernetes"));
    }

    @Test
    void metadataSourceNeedsABaseUrl() {
        runner.withPropertyValues("gateway.discovery.source=metadata")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("gateway.discovery.metadata.base-url must be set"));
    }

    @Test
    void metadataSourceIsSelectedWithoutStaticModels() {
        runner.withPropertyValues("gateway.discovery.source=metadata",
                        "gateway.discovery.metadata.base-url=http://127.0.0.1:1",
                        "gateway.discovery.metadata.poll-interval=500ms")
                .run(context -> {
                    assertThat(context).hasSingleBean(EndpointSource.class);
                    assertThat(context.getBean(EndpointSource.class)).isInstanceOf(MetadataEndpointSource.class);
                    assertThat(context.getBean(DiscoveryProperties.class).metadata().pollInterval()).hasMillis(500);
                });
    }

    @Test
    void nonPositivePollIntervalFailsStartup() {
        runner.withPropertyValues("gateway.discovery.source=metadata",
                        "gateway.discovery.metadata.base-url=http://127.0.0.1:1",
                        "gateway.discovery.metadata.poll-interval=0s")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("gateway.discovery.metadata.poll-interval must be positive"));
    }

    @Test
    void kubernetesSourceUsesTheApplicationsClientWhenThereIsOne() {
        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder().withMasterUrl("http://127.0.0.1:1").build()).build()) {
            runner.withPropertyValues("gateway.discovery.source=Kubernetes",
                            "gateway.discovery.kubernetes.namespace=models")
                    .withBean(KubernetesClient.class, () -> client)
                    .run(context -> {
                        assertThat(context).hasSingleBean(EndpointSource.class);
                        assertThat(context.getBean(EndpointSource.class).name()).isEqualTo("kubernetes");
                        assertThat(context.getBean(DiscoveryProperties.class).kubernetes().namespace())
                                .isEqualTo("models");
                    });
        }
    }

    @Test
    void kubernetesSourceBuildsItsOwnClientWithoutOne() {
        runner.withPropertyValues("gateway.discovery.source=kubernetes")
                .run(context -> assertThat(context.getBean(EndpointSource.class).name()).isEqualTo("kubernetes"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DiscoveryProperties.class)
    @Import(DiscoveryConfiguration.class)
    static class Discovery {
    }
}

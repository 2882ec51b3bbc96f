package io.aibrix.lora.metadata;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/** The metadata-service client. */
@Configuration(proxyBeanMethods = false)
class MetadataConfiguration {

    @Bean
    MetadataClient metadataClient(MetadataProperties properties, RestClient.Builder builder) {
        return new MetadataClient(properties, builder);
    }
}

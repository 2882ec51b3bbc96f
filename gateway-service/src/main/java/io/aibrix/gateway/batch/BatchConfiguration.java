package io.aibrix.gateway.batch;

import io.aibrix.gateway.auth.Authenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One route for the Files and Batches API with a single filter, {@link BatchApiFilter}, that reads headers only: no
 * body-reading filter runs on it, so uploads and downloads stream through. Registered even without
 * {@code gateway.batch.url}, to say why these paths are not found.
 */
@Configuration(proxyBeanMethods = false)
class BatchConfiguration {

    static final String ROUTE_ID = "batch";

    static final String[] PATHS = {"/v1/files", "/v1/files/**", "/v1/batches", "/v1/batches/**"};

    /** Route URI when batch-service is not configured; the filter answers before anything is forwarded. */
    private static final String UNCONFIGURED = "http://batch-service.invalid";

    private static final Logger log = LoggerFactory.getLogger(BatchConfiguration.class);

    @Bean
    RouteLocator batchRoutes(RouteLocatorBuilder routes, BatchApiFilter filter, BatchProperties properties) {
        if (properties.configured()) {
            log.info("Files and Batches API proxied to {} (owner header {})", properties.url(),
                    properties.ownerHeader());
        }
        return routes.routes()
                .route(ROUTE_ID, route -> route.path(PATHS)
                        .filters(filters -> filters.filter(filter))
                        .metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR,
                                Math.toIntExact(properties.connectTimeout().toMillis()))
                        .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, properties.responseTimeout().toMillis())
                        .uri(properties.configured() ? properties.url().toString() : UNCONFIGURED))
                .build();
    }

    @Bean
    BatchApiFilter batchApiFilter(BatchProperties properties, ObjectProvider<Authenticator> authenticator) {
        return new BatchApiFilter(properties, authenticator.getIfAvailable());
    }
}

package io.aibrix.gateway.models;

import io.aibrix.gateway.endpoint.EndpointRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Routes the model listing endpoints. */
@Configuration(proxyBeanMethods = false)
class ModelsConfiguration {

    @Bean
    RouterFunction<ServerResponse> modelsRoutes(EndpointRegistry endpoints) {
        ModelsHandler handler = new ModelsHandler(endpoints, "aibrix");
        return RouterFunctions.route()
                .GET("/v1/models", handler::list)
                .GET("/v1/models/{*id}", handler::get)
                .build();
    }
}

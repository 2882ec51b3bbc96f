package io.aibrix.batch.owner;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Makes {@link Owner} available as a controller method parameter. */
@Configuration(proxyBeanMethods = false)
class OwnerConfiguration implements WebMvcConfigurer {

    private final OwnerProperties properties;

    OwnerConfiguration(OwnerProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new OwnerArgumentResolver(properties));
    }
}

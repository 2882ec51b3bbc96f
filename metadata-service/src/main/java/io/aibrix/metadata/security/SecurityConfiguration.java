package io.aibrix.metadata.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Registers the token filter early in the chain; with the check off it passes everything and says so loudly. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    FilterRegistrationBean<TokenFilter> tokenFilter(SecurityProperties properties, ObjectMapper json) {
        if (!properties.enabled()) {
            log.warn("metadata.security.enabled=false: /admin/v1 and /internal/v1 are open to anyone who can reach"
                    + " this service; use this for local development only");
        }
        String adminToken = properties.enabled() ? properties.adminToken() : null;
        TokenCheck check = new TokenCheck(adminToken, properties.internalToken());
        FilterRegistrationBean<TokenFilter> registration = new FilterRegistrationBean<>(new TokenFilter(check, json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.addUrlPatterns("/*");
        return registration;
    }
}

package io.aibrix.metadata.keys;

import java.security.SecureRandom;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Key generation from the platform's strong random source. */
@Configuration(proxyBeanMethods = false)
class KeysConfiguration {

    @Bean
    KeyGenerator keyGenerator() {
        return new KeyGenerator(new SecureRandom());
    }
}

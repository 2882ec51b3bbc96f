package io.aibrix.gateway.openai;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the stateless OpenAI codecs; the per-response scanners are created per request with {@code new}. */
@Configuration(proxyBeanMethods = false)
class OpenAiConfiguration {

    @Bean
    InferenceRequestParser inferenceRequestParser() {
        return new InferenceRequestParser();
    }

    @Bean
    UpstreamErrorNormalizer upstreamErrorNormalizer() {
        return new UpstreamErrorNormalizer();
    }
}

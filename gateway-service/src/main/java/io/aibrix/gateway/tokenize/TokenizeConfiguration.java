package io.aibrix.gateway.tokenize;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Wires the {@link EngineTokenizer} the request path calls before routing with a strategy that wants token IDs. It
 * runs on the event loops of the gateway's {@link ReactorResourceFactory} when there is one, so the call stays on the
 * thread of the request that needs it.
 */
@Configuration(proxyBeanMethods = false)
class TokenizeConfiguration {

    @Bean(destroyMethod = "close")
    EngineTokenizer engineTokenizer(TokenizeProperties properties, MeterRegistry meters,
            ObjectProvider<ReactorResourceFactory> resources) {
        ReactorResourceFactory factory = resources.getIfUnique();
        Conversations conversations = null;
        if (properties.conversationCache()) {
            conversations = new Conversations(properties.conversationCacheEntries(),
                    properties.conversationCacheTokens(), properties.conversationCacheSeen());
            Gauge.builder("gateway.tokenize.conversation-cache.entries", conversations, Conversations::size)
                    .description("Conversations whose token IDs are cached").register(meters);
            Gauge.builder("gateway.tokenize.conversation-cache.tokens", conversations, Conversations::tokens)
                    .description("Token IDs cached over all conversations").register(meters);
        }
        TextPrefixes texts = null;
        if (properties.textPrefixCache()) {
            texts = new TextPrefixes(properties.textPrefixChunk(), properties.textPrefixSeen(),
                    properties.textPrefixEntries(), properties.textPrefixTokens());
            Gauge.builder("gateway.tokenize.text-prefix-cache.entries", texts, TextPrefixes::size)
                    .description("Text prefixes whose token IDs are cached").register(meters);
            Gauge.builder("gateway.tokenize.text-prefix-cache.tokens", texts, TextPrefixes::tokens)
                    .description("Token IDs cached over all text prefixes").register(meters);
        }
        TokenizeCaches caches = conversations != null || texts != null
                ? new TokenizeCaches(conversations, texts, meters) : null;
        return new EngineTokenizer(properties.timeout(), properties.maxConnections(), meters,
                factory != null ? factory.getLoopResources() : null, caches);
    }
}

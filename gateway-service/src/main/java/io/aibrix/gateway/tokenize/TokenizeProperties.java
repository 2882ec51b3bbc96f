package io.aibrix.gateway.tokenize;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The engine tokenizer client ({@code gateway.tokenize.*}).
 *
 * @param timeout        deadline of one {@code /tokenize} call (connect, response, body); routing then proceeds
 *                       without token IDs
 * @param maxConnections keep-alive connections per engine; calls beyond them wait for one (within the timeout)
 * @param conversationCache       route a chat request whose earlier messages were tokenized before on their cached
 *                                IDs at once, tokenizing the whole conversation in the background for its next turn
 * @param conversationCacheEntries conversations kept
 * @param conversationCacheTokens  token IDs kept over all conversations (4 bytes each)
 * @param conversationCacheSeen    conversation histories remembered as seen, to learn the ones that recur (a system
 *                                 prompt many sessions start with)
 * @param textPrefixCache          route a prompt whose text starts like earlier prompts' on the token IDs of that
 *                                 start learnt from the engines, at once
 * @param textPrefixChunk          characters between two cut points of a prompt's text, at least; prefixes are
 *                                 learnt and looked up at the cut points (word boundaries)
 * @param textPrefixSeen           cut points remembered as seen, to learn the ones that recur
 * @param textPrefixEntries        text prefixes whose token IDs are kept
 * @param textPrefixTokens         token IDs kept over all text prefixes (4 bytes each)
 */
@Validated
@ConfigurationProperties("gateway.tokenize")
record TokenizeProperties(
        @NotNull @DurationMin(millis = 1) @DefaultValue("200ms") Duration timeout,
        @Min(1) @Max(1024) @DefaultValue("32") int maxConnections,
        @DefaultValue("true") boolean conversationCache,
        @Min(1) @DefaultValue("10000") int conversationCacheEntries,
        @Min(1) @DefaultValue("8000000") long conversationCacheTokens,
        @Min(1) @DefaultValue("200000") int conversationCacheSeen,
        @DefaultValue("true") boolean textPrefixCache,
        @Min(16) @DefaultValue("512") int textPrefixChunk,
        @Min(1) @DefaultValue("200000") int textPrefixSeen,
        @Min(1) @DefaultValue("10000") int textPrefixEntries,
        @Min(1) @DefaultValue("8000000") long textPrefixTokens) {
}

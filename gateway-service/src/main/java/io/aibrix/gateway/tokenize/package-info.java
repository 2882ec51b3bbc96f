/**
 * The engine tokenizer client: asks an engine's {@code /tokenize} for the token IDs of a request's prompt, so routing
 * can hash exactly the blocks the engine caches.
 */
package io.aibrix.gateway.tokenize;

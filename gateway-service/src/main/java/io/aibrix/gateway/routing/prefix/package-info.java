/**
 * Prefix-aware routing: {@code prefix-cache} and {@code prefix-cache-preble}. Both hash the prompt into chained blocks,
 * keep an approximate index of which engine holds which blocks (learned from their own routing decisions and, with
 * several gateway replicas, from the other replicas' through {@code PrefixReplication}),
 * and trade the prompt tokens an engine already caches against its load.
 */
package io.aibrix.gateway.routing.prefix;

/**
 * Publication of the rings: {@code GET /v1/clusters/{cluster}/ring} with an ETag and a long-poll watch, and AIBrix's
 * ring document in Redis.
 */
package io.aibrix.kvcache.publication;

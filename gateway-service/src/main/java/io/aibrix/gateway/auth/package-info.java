/**
 * API keys: {@code Authorization: Bearer <key>} resolved to a user and that user's quotas through metadata-service,
 * cached briefly (revocations take effect within the cache TTL), one lookup per key at a time. Off unless
 * {@code gateway.auth.metadata-url} is set.
 */
package io.aibrix.gateway.auth;

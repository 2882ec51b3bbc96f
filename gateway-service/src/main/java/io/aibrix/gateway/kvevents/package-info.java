/**
 * The engines' KV block event feeds ({@code GET /v1/kv-events}, docs/kv-events-contract.md): one resumable
 * subscription per discovered engine, and the {@link io.aibrix.gateway.kvevents.KvBlockIndex} of which engine actually
 * caches which prompt blocks, built only from those events.
 */
package io.aibrix.gateway.kvevents;

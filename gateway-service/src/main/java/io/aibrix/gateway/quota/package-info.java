/**
 * Quotas: per-user requests and tokens per minute (limits from the caller's API key) and per-model requests per
 * second (configured), counted in sliding windows, shared by the gateway replicas through Redis or kept in memory.
 * Tokens are reserved at admission and settled on the real usage when the request ends.
 */
package io.aibrix.gateway.quota;

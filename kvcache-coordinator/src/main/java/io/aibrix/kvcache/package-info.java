/**
 * kvcache-coordinator: named clusters of KV-cache nodes (self-registered with leases, or Kubernetes pods), the
 * consistent-hash slot ring over each, and its publication as JSON (ETag, long-poll watch) and as the Redis document
 * AIBrix's KV-cache clients read.
 */
package io.aibrix.kvcache;

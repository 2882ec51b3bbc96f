/**
 * {@code kv-aware} routing: precise prefix-cache routing from what the engines report they cache (their KV block
 * events), trading cached prompt blocks against load with a Dynamo-style cost.
 */
package io.aibrix.gateway.routing.kvaware;

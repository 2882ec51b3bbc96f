/**
 * {@code pd}: prefill/decode disaggregated serving. The prefill runs on a prefill engine with one output token and
 * hands its KV cache over ({@code kv_transfer_params}, vLLM's NixlConnector protocol); the proxy then forwards the
 * client's request to a decode engine, which skips the transferred prefill and streams the answer.
 */
package io.aibrix.gateway.pd;

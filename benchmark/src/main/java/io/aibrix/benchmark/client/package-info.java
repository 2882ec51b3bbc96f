/**
 * The streaming OpenAI-compatible client: request bodies, SSE decoding, per-token timing, target selection and
 * model discovery, on the JDK HTTP client (HTTP/1.1) with virtual threads.
 */
package io.aibrix.benchmark.client;

/**
 * The OpenAI Files and Batches API ({@code /v1/files}, {@code /v1/batches}) proxied to batch-service as a stream in
 * both directions, with the caller's API key turned into batch-service's owner header. Off (answered 404) unless
 * {@code gateway.batch.url} is set.
 */
package io.aibrix.gateway.batch;

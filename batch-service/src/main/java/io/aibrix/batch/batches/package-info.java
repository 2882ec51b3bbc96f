/**
 * The OpenAI Batches API: create (with an optional {@code Idempotency-Key}), get, list and cancel, over the
 * {@code batches} table. Validation and execution of a batch are the lifecycle's and the executor's.
 */
package io.aibrix.batch.batches;

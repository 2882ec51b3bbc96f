/**
 * The batch lifecycle: a bounded job pool takes batch leases and drives each batch validating → in_progress →
 * finalizing → completed, or to failed, expired or cancelled, always from its stored status so any node can resume it.
 */
package io.aibrix.batch.lifecycle;

/**
 * Execution leases: a node runs a batch only while it holds the batch's lease, taken with an atomic UPDATE when free
 * or expired and renewed on a heartbeat; the lease epoch fences every write of a node that lost it.
 */
package io.aibrix.batch.leases;

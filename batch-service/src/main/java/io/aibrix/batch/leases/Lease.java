package io.aibrix.batch.leases;

/**
 * The right of one node to run one batch. Every acquisition raises the batch's epoch, and writes made under a lease
 * carry its epoch, so a node that lost its lease (paused, partitioned, presumed dead) can no longer write.
 *
 * @param batchId the batch
 * @param node    the holder
 * @param epoch   the batch's lease epoch at acquisition
 */
public record Lease(String batchId, String node, long epoch) {
}

package io.aibrix.simulator.engine;

/**
 * A request's part in a prefill/decode KV hand-off, already checked against the engine's role.
 *
 * @param produce keep the computed prompt blocks' ids for a remote decode ({@code do_remote_decode})
 * @param remoteBlocks full prompt blocks a remote prefill engine holds for this request and can send
 *        ({@code do_remote_prefill} with {@code remote_block_ids}); 0 = compute the prompt here
 */
public record KvTransfer(boolean produce, int remoteBlocks) {

    public static final KvTransfer NONE = new KvTransfer(false, 0);

    public KvTransfer {
        if (remoteBlocks < 0) {
            throw new IllegalArgumentException("remoteBlocks must not be negative but was " + remoteBlocks);
        }
    }

    public static KvTransfer forRemoteDecode() {
        return new KvTransfer(true, 0);
    }

    public static KvTransfer fromRemotePrefill(int remoteBlocks) {
        return new KvTransfer(false, remoteBlocks);
    }

    public boolean consumes() {
        return remoteBlocks > 0;
    }
}

package io.aibrix.kvcache.membership;

import io.aibrix.kvcache.ring.Ring;

/** Told of every new ring version of a cluster, in version order, under the cluster's lock: must not block. */
@FunctionalInterface
public interface RingListener {

    void ringChanged(String cluster, Ring ring);
}

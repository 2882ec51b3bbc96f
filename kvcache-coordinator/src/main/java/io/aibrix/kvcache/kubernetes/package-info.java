/** Membership from Kubernetes: the ready, non-terminating cache pods of each cluster, followed by an informer. */
package io.aibrix.kvcache.kubernetes;

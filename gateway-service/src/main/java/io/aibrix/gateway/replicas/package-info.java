/**
 * Active-active gateway replicas: each replica publishes its own in-flight counts per engine and its prefix-aware
 * routing decisions through Redis pub/sub, and routes on its own state plus the other replicas', so several replicas
 * behind a plain load balancer keep the routing quality of one. Off unless {@code gateway.replicas.redis-url} is set.
 */
package io.aibrix.gateway.replicas;

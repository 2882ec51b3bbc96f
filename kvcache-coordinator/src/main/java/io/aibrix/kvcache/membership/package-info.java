/**
 * Membership of named KV-cache clusters: nodes that register and keep a lease by heartbeat (or pods, through the
 * kubernetes package), the registry that rebuilds each cluster's ring on every change, and its REST API.
 */
package io.aibrix.kvcache.membership;

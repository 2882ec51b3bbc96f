/**
 * The engine registry for non-Kubernetes mode: engines register, heartbeat and deregister; entries expire without
 * heartbeats; the gateway polls the registry document.
 */
package io.aibrix.metadata.engines;

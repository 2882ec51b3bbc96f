/**
 * The local engine fleet as a scale target: simulated engines launched as child processes from the
 * engine-simulator's executable jar, registered in metadata-service's engine registry once healthy (so the gateway
 * routes to them), and on scale-down deregistered first, drained, then stopped.
 */
package io.aibrix.autoscaler.fleet;

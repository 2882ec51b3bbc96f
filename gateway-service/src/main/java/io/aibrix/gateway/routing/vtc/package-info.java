/**
 * {@code vtc-basic}: fairness-aware routing with per-user virtual token counters (Sheng et al., OSDI'24) over a
 * sliding window.
 */
package io.aibrix.gateway.routing.vtc;

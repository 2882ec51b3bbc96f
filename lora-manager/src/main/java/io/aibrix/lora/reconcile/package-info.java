/**
 * The reconcile step as a pure function: desired adapters and observed engines in, a list of actions out (load,
 * unload, status update). No I/O and no Spring here; time and randomness come in as arguments.
 */
package io.aibrix.lora.reconcile;

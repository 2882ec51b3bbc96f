/**
 * The control loop: for each PodAutoscaler, its bounds, its target's scale and pods, its metric windows, a decision,
 * the actuator call and the status that records it; one owner per target and role.
 */
package io.aibrix.autoscaler.reconcile;

/**
 * The control loop: observe, plan with the pure reconciler, apply through the engines and metadata-service, record
 * every outcome; a scheduler runs it, an optional endpoint triggers it.
 */
package io.aibrix.lora.loop;

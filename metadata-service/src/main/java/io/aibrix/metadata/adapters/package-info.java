/**
 * LoRA adapters: desired state (base model, artifact, placement) written by operators, and the status sub-resource
 * (phase, instances, conditions, last error) written by lora-manager.
 */
package io.aibrix.metadata.adapters;

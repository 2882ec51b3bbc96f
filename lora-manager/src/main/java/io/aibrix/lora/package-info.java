/**
 * lora-manager: reconciles the LoRA adapters metadata-service wants against what the engines have loaded, and
 * records each adapter's phase, instances, conditions and last error back in metadata-service.
 */
package io.aibrix.lora;

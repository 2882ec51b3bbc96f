/**
 * metadata-service's side: the desired adapters, their status sub-resource, and the engine registry, through the
 * admin API.
 */
package io.aibrix.lora.metadata;

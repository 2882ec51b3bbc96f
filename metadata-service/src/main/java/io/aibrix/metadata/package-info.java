/**
 * metadata-service: the admin API for models, LoRA adapters, users and API keys, the engine registry for
 * non-Kubernetes mode, and the OpenAI model list the gateway serves.
 */
package io.aibrix.metadata;

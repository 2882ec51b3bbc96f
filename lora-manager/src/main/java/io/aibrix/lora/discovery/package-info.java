/**
 * Where the engines are: Kubernetes pods (the gateway's labels) or metadata-service's engine registry, one of them
 * chosen by {@code lora.discovery.source}.
 */
package io.aibrix.lora.discovery;

/**
 * Engine discovery: the one active {@link io.aibrix.gateway.endpoint.EndpointSource}, chosen by
 * {@code gateway.discovery.source}: {@code static} configuration, metadata-service's engine registry
 * ({@code metadata}), or Kubernetes pods labelled {@code model.aibrix.ai/name} ({@code kubernetes}).
 */
package io.aibrix.gateway.discovery;

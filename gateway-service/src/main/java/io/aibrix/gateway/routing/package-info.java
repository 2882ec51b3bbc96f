/**
 * Routing: the strategies that pick an engine for a request, their registry and weighted combinations, and the
 * {@link io.aibrix.gateway.routing.Router} facade the request path calls.
 */
package io.aibrix.gateway.routing;

/**
 * The Kubernetes mode: PodAutoscaler custom resources watched with fabric8 and their status written back, targets
 * scaled by patching their replicas (Deployments, StatefulSets, a role of a StormService/RoleSet-like custom
 * resource), and HPA-strategy PodAutoscalers delegated to an owned {@code autoscaling/v2} HorizontalPodAutoscaler.
 */
package io.aibrix.autoscaler.kubernetes;

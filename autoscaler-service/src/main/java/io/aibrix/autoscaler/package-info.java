/**
 * autoscaler-service: PodAutoscaler objects (AIBrix's {@code autoscaling.aibrix.ai/v1alpha1}) decided by KPA, APA or
 * HPA on engine metrics, and applied through the Kubernetes scale subresource or to the local engine fleet.
 */
package io.aibrix.autoscaler;

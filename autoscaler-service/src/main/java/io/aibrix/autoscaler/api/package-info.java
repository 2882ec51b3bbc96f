/**
 * The local mode's REST API for PodAutoscaler objects, shaped like the Kubernetes API
 * ({@code /apis/autoscaling.aibrix.ai/v1alpha1/namespaces/{namespace}/podautoscalers/{name}}), with RFC 9457
 * problems.
 */
package io.aibrix.autoscaler.api;

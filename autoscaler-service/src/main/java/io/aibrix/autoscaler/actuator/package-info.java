/** What scales a target: the Kubernetes scale subresource, or the local engine fleet. */
package io.aibrix.autoscaler.actuator;

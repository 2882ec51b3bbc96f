/**
 * The PodAutoscaler object: AIBrix-compatible spec and status records, the scaling parameters its annotations
 * override, and validation with exact messages.
 */
package io.aibrix.autoscaler.spec;

/** Reading metric values: Prometheus text parsing, pod scrapes and external sources, totals per target. */
package io.aibrix.autoscaler.metrics;

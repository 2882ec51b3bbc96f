/**
 * The routing benchmark ({@code benchmark routing}): scenarios A-E run against fresh in-process simulated engines
 * behind the gateway, one routing strategy per run, with the acceptance checks, the Markdown report and the
 * charts page.
 */
package io.aibrix.benchmark.routing;

/**
 * Turning result rows into numbers and files: latency distributions, throughput and goodput, the summary table,
 * {@code requests.jsonl}/{@code requests.csv}/{@code summary.json} and the self-contained HTML report with inline SVG.
 */
package io.aibrix.benchmark.report;

/**
 * batch-service: the OpenAI Files and Batches API. Feature packages: {@code files} (the Files API), {@code storage}
 * (file bytes on a local directory or S3), {@code validation} (batch input files), {@code owner} (who calls), {@code batches} (the Batches API), {@code lifecycle} (the job pool driving batches
 * through their statuses), {@code execution} (per-line requests with retries and AIMD concurrency), {@code results}
 * (exactly-once line results), {@code leases} (one node per batch),
 * {@code openai} (the error envelope and list page shared by the APIs).
 */
package io.aibrix.batch;

/**
 * Per-line results: written exactly once per line under the batch's lease, counted in the same statement, and read
 * back in line order to assemble the output and error files.
 */
package io.aibrix.batch.results;

/**
 * Validation of batch input files: a streaming, plain-Java check of every line against the batch's endpoint, reporting
 * every bad line with its number in OpenAI's {@code errors.data[]} shape.
 */
package io.aibrix.batch.validation;

/**
 * OpenAI wire shapes shared by the Files and Batches APIs: the error envelope, the exception that carries it and the
 * one mapping from every failure (ours, Spring MVC's, the servlet container's) to it, and the cursor list page.
 */
package io.aibrix.batch.openai;

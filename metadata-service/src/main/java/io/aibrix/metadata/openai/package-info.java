/** The OpenAI-shaped model list the gateway and clients read. */
package io.aibrix.metadata.openai;

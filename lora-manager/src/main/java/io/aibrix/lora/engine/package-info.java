/** The engines' side: vLLM's runtime LoRA API and {@code /v1/models}, and observing what each engine has loaded. */
package io.aibrix.lora.engine;

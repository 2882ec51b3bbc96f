/** Errors modelled once: {@link io.aibrix.kvcache.errors.ApiException} and the advice rendering RFC 9457 problems. */
package io.aibrix.kvcache.errors;

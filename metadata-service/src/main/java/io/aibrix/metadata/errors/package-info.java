/** Errors modelled once: small domain exceptions and the one advice that renders every error as RFC 9457. */
package io.aibrix.metadata.errors;

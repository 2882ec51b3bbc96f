/** API keys: generated with 256 random bits, shown once, stored as SHA-256, revocable, resolved for the gateway. */
package io.aibrix.metadata.keys;

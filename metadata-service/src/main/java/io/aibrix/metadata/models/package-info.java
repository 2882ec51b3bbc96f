/** Models: the base models the platform serves, and the namespace they share with LoRA adapters. */
package io.aibrix.metadata.models;

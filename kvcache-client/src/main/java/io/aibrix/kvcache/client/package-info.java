/**
 * A plain-Java client of the coordinator: follows one cluster's ring through the long-poll watch and resolves keys
 * to cache nodes.
 */
package io.aibrix.kvcache.client;

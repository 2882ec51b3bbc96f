/**
 * The consistent-hash slot ring, in plain Java: XXH64, virtual nodes, the three slot assignments (plain, bounded
 * loads, balanced) and immutable, versioned ring snapshots.
 */
package io.aibrix.kvcache.ring;

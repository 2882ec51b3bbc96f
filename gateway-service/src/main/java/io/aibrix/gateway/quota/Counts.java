package io.aibrix.gateway.quota;

/**
 * What a store saw for each charge of an admission, before adding to it.
 *
 * @param admitted whether every charge fitted and was added
 * @param previous the previous window's count, per charge in the order given
 * @param current  the current window's count, per charge in the order given
 */
record Counts(boolean admitted, long[] previous, long[] current) {
}

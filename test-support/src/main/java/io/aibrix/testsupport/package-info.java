/**
 * JUnit 5 extensions that give tests real infrastructure without Docker: PostgreSQL, Redis and S3 (one shared
 * instance per JVM, started on first use) and a per-class fleet of simulated inference engines.
 */
package io.aibrix.testsupport;

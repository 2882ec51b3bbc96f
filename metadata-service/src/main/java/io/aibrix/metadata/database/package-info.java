/** The database: a configured JDBC URL, or a real PostgreSQL started in-process as the local default. */
package io.aibrix.metadata.database;

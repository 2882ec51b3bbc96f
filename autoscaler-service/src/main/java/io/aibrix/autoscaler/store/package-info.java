/** The local mode's PodAutoscaler objects in PostgreSQL (an embedded one by default), and the database itself. */
package io.aibrix.autoscaler.store;

/**
 * The local suite launcher: starts each service of the suite as its own JVM from its executable jar (a fleet of
 * simulated engines, then the gateway in front of them), waits until each is ready, prefixes their output with the
 * service name, and stops them all when the launcher exits or any of them dies.
 */
package io.aibrix.localsuite;

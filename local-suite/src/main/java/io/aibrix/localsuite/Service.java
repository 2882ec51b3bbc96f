package io.aibrix.localsuite;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * One child JVM of the suite: how to start it and how to tell it is ready.
 *
 * @param name        prefix of its output lines and the name failure messages use
 * @param command     the full command line, java binary first
 * @param environment variables added to the launcher's environment; secrets go here, not on the command line,
 *                    which every local user can read
 * @param ports       ports it will listen on; checked to be free before anything starts
 * @param portHint    the launcher option that moves those ports, for the "port in use" message
 * @param readiness   URLs that must all answer 200 before the next service starts
 */
record Service(String name, List<String> command, Map<String, String> environment, List<Integer> ports,
        String portHint, List<URI> readiness) {

    Service {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        ports = List.copyOf(ports);
        readiness = List.copyOf(readiness);
    }
}

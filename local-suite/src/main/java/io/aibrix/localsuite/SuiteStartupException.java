package io.aibrix.localsuite;

import java.util.List;

/** A service of the suite did not come up; the message names it, says why and shows its last output lines. */
final class SuiteStartupException extends Exception {

    private final String service;

    SuiteStartupException(String service, String reason, List<String> lastLines) {
        super(message(service, reason, lastLines));
        this.service = service;
    }

    /** Name of the service that did not come up. */
    String service() {
        return service;
    }

    private static String message(String service, String reason, List<String> lastLines) {
        StringBuilder message = new StringBuilder(service).append(" did not come up: ").append(reason);
        if (!lastLines.isEmpty()) {
            message.append(System.lineSeparator()).append("Its last ").append(lastLines.size())
                    .append(" lines of output:");
            lastLines.forEach(line -> message.append(System.lineSeparator()).append("  [").append(service)
                    .append("] ").append(line));
        }
        return message.toString();
    }
}

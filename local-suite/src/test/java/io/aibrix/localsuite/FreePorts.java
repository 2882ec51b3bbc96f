package io.aibrix.localsuite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Ports nothing listens on right now, for tests that start servers. */
final class FreePorts {

    private FreePorts() {
    }

    static int any() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The first of {@code count} consecutive free ports. */
    static int consecutive(int count) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int first = any();
            if (first + count - 1 > 65535) {
                continue;
            }
            boolean free = true;
            for (int port = first + 1; port < first + count && free; port++) {
                free = Ports.isFree(port);
            }
            if (free) {
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports found");
    }

    /** A free port outside {@code first .. first + count - 1}. */
    static int outside(int first, int count) {
        while (true) {
            int port = any();
            if (port < first || port >= first + count) {
                return port;
            }
        }
    }
}

package io.aibrix.localsuite;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks that a port is free before a child is asked to listen on it. */
final class Ports {

    private Ports() {
    }

    /**
     * True when nothing listens on {@code port} on any local address. Binds the wildcard address with
     * {@code SO_REUSEADDR}, as the services' servers do, so a port in TIME_WAIT counts as free.
     */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }
}

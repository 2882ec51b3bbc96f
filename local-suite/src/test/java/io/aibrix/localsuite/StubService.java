package io.aibrix.localsuite;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in service for {@link Suite} tests, run as a child JVM: serves {@code GET /health} with a fixed status,
 * prints a few lines, and optionally exits with a given code after a delay.
 * Arguments: {@code port status exitCode exitAfterMillis} (exitAfterMillis 0 = run until stopped).
 */
final class StubService {

    private StubService() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = Integer.parseInt(args[0]);
        int status = Integer.parseInt(args[1]);
        int exitCode = Integer.parseInt(args[2]);
        long exitAfterMillis = Long.parseLong(args[3]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        System.out.println("stub listening on " + port);
        System.err.println("stub says hello on stderr");
        if (exitAfterMillis > 0) {
            Thread.sleep(exitAfterMillis);
            System.out.println("stub giving up with code " + exitCode);
            System.exit(exitCode);
        }
    }

    /** A {@link Service} running this stub on {@code port}. */
    static Service service(String name, int port, int status, int exitCode, long exitAfterMillis) {
        List<String> command = List.of(java(), "-cp", classes().toString(), StubService.class.getName(),
                String.valueOf(port), String.valueOf(status), String.valueOf(exitCode),
                String.valueOf(exitAfterMillis));
        return new Service(name, command, Map.of(), List.of(port), "--" + name + "-port",
                List.of(URI.create("http://127.0.0.1:" + port + "/health")));
    }

    static String java() {
        return ProcessHandle.current().info().command().orElseThrow();
    }

    private static Path classes() {
        try {
            return Path.of(StubService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        }
        catch (URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }
}

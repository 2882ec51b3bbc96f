package io.aibrix.autoscaler;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/**
 * A Prometheus endpoint with one settable gauge, standing for what an external source (the gateway) exports.
 * {@link #fail()} makes it answer 503, as an unreachable exporter would.
 */
public final class GaugeServer implements AutoCloseable {

    private final HttpServer server;
    private final String metric;
    private volatile double value;
    private volatile boolean failing;

    public GaugeServer(String metric, double value) throws IOException {
        this.metric = metric;
        this.value = value;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = ("# TYPE " + metric + " gauge\n" + metric + "{model=\"llama\"} " + this.value + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            if (failing) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public String endpoint() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public String metric() {
        return metric;
    }

    public void set(double newValue) {
        this.value = newValue;
        this.failing = false;
    }

    public void fail() {
        this.failing = true;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

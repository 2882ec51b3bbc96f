package io.aibrix.simulator.cachenode;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import io.aibrix.simulator.SimulatedEngine;

import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** One simulated cache node started inside the current JVM (tests, benchmark), on a free port by default. */
public final class CacheNodeServer implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final int port;

    private CacheNodeServer(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** True when the command line asks for the cache-node mode. */
    public static boolean isCacheNode(String[] args) {
        for (String arg : args) {
            if (arg.equals("--cache-node.enabled=true")) {
                return true;
            }
        }
        return false;
    }

    /** Starts a node. Keys are property names, e.g. {@code cache-node.coordinator}. */
    public static CacheNodeServer start(Map<String, ?> properties) {
        Map<String, Object> props = new LinkedHashMap<>(properties);
        props.put("cache-node.enabled", true);
        return new CacheNodeServer(SimulatedEngine.startContext(CacheNodeApplication.class, props));
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>} */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** True once the coordinator accepted the registration (always false without a coordinator). */
    public boolean registered() {
        return context.getBean(CacheNodeApplication.Registrar.class).registered();
    }

    @Override
    public void close() {
        SimulatedEngine.closeContext(context);
    }
}

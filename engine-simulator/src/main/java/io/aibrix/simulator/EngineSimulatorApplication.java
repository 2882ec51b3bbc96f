package io.aibrix.simulator;

import io.aibrix.simulator.cachenode.CacheNodeApplication;
import io.aibrix.simulator.cachenode.CacheNodeServer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Runs one simulated engine, or with {@code --fleet.engines=N} a fleet of N engines in this JVM on consecutive ports
 * from {@code --fleet.base-port} (default 8000), or with {@code --cache-node.enabled=true} a KV cache node (L2).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EngineSimulatorApplication {

    public static void main(String[] args) throws InterruptedException {
        if (FleetLauncher.isFleet(args)) {
            FleetLauncher.run(args);
        } else if (CacheNodeServer.isCacheNode(args)) {
            SpringApplication.run(CacheNodeApplication.class, args);
        } else {
            SpringApplication.run(EngineSimulatorApplication.class, args);
        }
    }
}

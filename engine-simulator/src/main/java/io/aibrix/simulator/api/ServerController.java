package io.aibrix.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aibrix.simulator.SimulatorProperties;
import io.aibrix.simulator.engine.EngineCore;
import io.aibrix.simulator.engine.EngineIdentity;
import io.aibrix.simulator.engine.EngineSettings;
import io.aibrix.simulator.engine.EngineState;
import io.aibrix.simulator.fault.FaultState;
import io.aibrix.simulator.metrics.VllmMetricsRenderer;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * vLLM's server endpoints: health, version, load, Prometheus metrics and prefix-cache reset, plus {@code /server_info}
 * with what peers need to know about this engine (its id, disaggregation role and KV cache shape).
 */
@RestController
class ServerController {

    /** The vLLM release whose HTTP and metrics surface this simulator reproduces. */
    static final String VLLM_VERSION = "0.10.2";
    private static final MediaType PROMETHEUS = MediaType.parseMediaType("text/plain; version=0.0.4; charset=utf-8");

    private final EngineCore engine;
    private final FaultState faults;
    private final VllmMetricsRenderer metrics;
    private final String serverInfo;

    ServerController(EngineCore engine, FaultState faults, VllmMetricsRenderer metrics, JsonBodies json,
            EngineIdentity identity, EngineSettings settings, SimulatorProperties properties) {
        this.engine = engine;
        this.faults = faults;
        this.metrics = metrics;
        ObjectNode info = json.object()
                .put("engine_id", identity.engineId())
                .put("role", identity.role().wireName())
                .put("kv_role", identity.role().kvRole())
                .put("kv_connector", "NixlConnector")
                .put("model", properties.model())
                .put("block_size", settings.blockSize())
                .put("num_gpu_blocks", settings.numGpuBlocks())
                .put("enable_prefix_caching", settings.prefixCaching());
        info.putObject("kv_events")
                .put("enabled", properties.kvEvents().enabled() && settings.prefixCaching())
                .put("path", "/v1/kv-events")
                .put("buffer_size", properties.kvEvents().bufferSize());
        this.serverInfo = json.write(info);
    }

    @GetMapping("/health")
    ResponseEntity<Void> health() {
        return faults.isReady() ? ResponseEntity.ok().build() : ResponseEntity.status(503).build();
    }

    @GetMapping("/version")
    ResponseEntity<String> version() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body("{\"version\":\"" + VLLM_VERSION + "\"}");
    }

    @GetMapping("/server_info")
    ResponseEntity<String> serverInfo() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(serverInfo);
    }

    @GetMapping("/load")
    ResponseEntity<String> load() {
        EngineState state = engine.state();
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body("{\"server_load\":" + (state.running() + state.waiting()) + "}");
    }

    @GetMapping("/metrics")
    ResponseEntity<String> metrics() {
        return ResponseEntity.ok().contentType(PROMETHEUS).body(metrics.render(engine.state()));
    }

    @PostMapping("/reset_prefix_cache")
    ResponseEntity<Void> resetPrefixCache() {
        engine.resetPrefixCache();
        return ResponseEntity.ok().build();
    }
}

package io.aibrix.benchmark.server;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.aibrix.benchmark.client.Target;

/** Resets and reads the simulator's step statistics ({@code /admin/step-stats}) on every engine. */
public final class StepStatsClient {

    private final EngineHttp http;
    private final ObjectMapper json;

    public StepStatsClient(HttpClient http, ObjectMapper json, Duration timeout) {
        this.http = new EngineHttp(http, timeout);
        this.json = json;
    }

    /** Clears the statistics; returns the engines that refused, with the reason. */
    public Map<String, String> reset(List<Target> engines) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Target engine : engines) {
            try {
                http.post(engine.endpoint("/admin/step-stats/reset"));
            }
            catch (IOException ex) {
                errors.put(engine.pod(), EngineHttp.describe(ex));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                errors.put(engine.pod(), "interrupted");
            }
        }
        return errors;
    }

    public StepStatsReport fetch(List<Target> engines) {
        List<StepStatsReport.Engine> rows = new ArrayList<>();
        for (Target engine : engines) {
            try {
                StepStats stats = json.readValue(http.get(engine.endpoint("/admin/step-stats")), StepStats.class);
                rows.add(new StepStatsReport.Engine(engine.pod(), stats, null));
            }
            catch (IOException ex) {
                rows.add(new StepStatsReport.Engine(engine.pod(), null, EngineHttp.describe(ex)));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                rows.add(new StepStatsReport.Engine(engine.pod(), null, "interrupted"));
            }
        }
        return StepStatsReport.of(rows);
    }
}

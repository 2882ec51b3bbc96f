package io.aibrix.simulator.fault;

import java.util.Map;

import io.aibrix.simulator.SimulatedEngine;
import io.aibrix.simulator.engine.EngineCore;
import io.aibrix.simulator.engine.StepTimingStats;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;

/**
 * Test controls, not part of vLLM's surface: fault injection, a crash switch, and the step-timing accuracy report.
 * Errors are RFC 9457 problem details.
 */
@RestController
@RequestMapping("/admin")
class AdminController {

    private final FaultState faults;
    private final EngineCore engine;
    private final ConfigurableApplicationContext context;

    AdminController(FaultState faults, EngineCore engine, ConfigurableApplicationContext context) {
        this.faults = faults;
        this.engine = engine;
        this.context = context;
    }

    /** Fields left out keep their neutral value (no fault). */
    record FaultRequest(Long extraLatencyMs, Double errorRate, Integer errorStatus, Long stallMs,
            Integer dropStreamAfterTokens) {
    }

    @GetMapping("/faults")
    FaultState.Faults faults() {
        return faults.current();
    }

    @PutMapping("/faults")
    FaultState.Faults setFaults(@RequestBody FaultRequest request) {
        long extra = nonNegative("extraLatencyMs", request.extraLatencyMs());
        long stall = nonNegative("stallMs", request.stallMs());
        long drop = nonNegative("dropStreamAfterTokens",
                request.dropStreamAfterTokens() == null ? null : request.dropStreamAfterTokens().longValue());
        double rate = request.errorRate() == null ? 0 : request.errorRate();
        if (rate < 0 || rate > 1) {
            throw problem("errorRate must be within [0, 1] but was " + rate);
        }
        int status = request.errorStatus() == null ? 500 : request.errorStatus();
        if (status < 400 || status > 599) {
            throw problem("errorStatus must be a 4xx or 5xx status but was " + status);
        }
        faults.set(extra, rate, status, stall, (int) drop);
        return faults.current();
    }

    @DeleteMapping("/faults")
    ResponseEntity<Void> clearFaults() {
        faults.clear();
        return ResponseEntity.noContent().build();
    }

    /** Stops this engine as a crash would: health turns 503, then the server goes away and connections are refused. */
    @PostMapping("/crash")
    ResponseEntity<Map<String, String>> crash() {
        faults.markCrashed();
        Thread.ofPlatform().name("engine-crash").daemon().start(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            SimulatedEngine.closeContext(context);
        });
        return ResponseEntity.accepted().body(Map.of("status", "crashing"));
    }

    @GetMapping("/step-stats")
    StepTimingStats.Snapshot stepStats() {
        return engine.stepStats().snapshot();
    }

    @PostMapping("/step-stats/reset")
    ResponseEntity<Void> resetStepStats() {
        engine.stepStats().reset();
        return ResponseEntity.noContent().build();
    }

    /** An unreadable fault body (malformed JSON, wrongly typed field, none at all) is a problem detail too. */
    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> unreadable(ServerWebInputException e) {
        String detail = e.getCause() != null && e.getMostSpecificCause().getMessage() != null
                ? e.getMostSpecificCause().getMessage()
                : "A JSON fault configuration body is required";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid fault configuration");
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static long nonNegative(String field, Long value) {
        if (value == null) {
            return 0;
        }
        if (value < 0) {
            throw problem(field + " must not be negative but was " + value);
        }
        return value;
    }

    private static ErrorResponseException problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid fault configuration");
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }
}

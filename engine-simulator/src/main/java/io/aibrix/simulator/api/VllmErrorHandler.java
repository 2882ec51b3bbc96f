package io.aibrix.simulator.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

/** The one mapping from failures to vLLM's error envelope; client mistakes are 4xx, never 500. */
@RestControllerAdvice
class VllmErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(VllmErrorHandler.class);

    @ExceptionHandler(VllmException.class)
    ResponseEntity<Map<String, Object>> vllm(VllmException e) {
        return body(e.status(), e.type(), e.getMessage());
    }

    /** Admin endpoints answer RFC 9457 problem details. */
    @ExceptionHandler(ErrorResponseException.class)
    ResponseEntity<ProblemDetail> problem(ErrorResponseException e) {
        return ResponseEntity.status(e.getStatusCode()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(e.getBody());
    }

    @ExceptionHandler({ServerWebInputException.class, UnsupportedMediaTypeStatusException.class})
    ResponseEntity<Map<String, Object>> badInput(Exception e) {
        return body(HttpStatus.BAD_REQUEST, "BadRequestError", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, "InternalServerError", e.getMessage());
    }

    static ResponseEntity<Map<String, Object>> body(HttpStatus status, String type, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("param", null);
        error.put("code", status.value());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Map.of("error", error));
    }
}

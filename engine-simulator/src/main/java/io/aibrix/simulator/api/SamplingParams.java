package io.aibrix.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;

/** The request parameters the simulator honours; anything else in the body is accepted and ignored. */
record SamplingParams(Integer maxTokens, boolean ignoreEos, boolean stream, boolean includeUsage) {

    static SamplingParams from(JsonNode request) {
        Integer n = JsonBodies.integer(request, "n", 1);
        if (n != null && n != 1) {
            throw VllmException.badRequest("'n' must be 1 on this engine but was " + n);
        }
        // vLLM prefers max_completion_tokens when both are given.
        Integer maxTokens = JsonBodies.integer(request, "max_completion_tokens", 1);
        if (maxTokens == null) {
            maxTokens = JsonBodies.integer(request, "max_tokens", 1);
        }
        boolean stream = JsonBodies.bool(request, "stream", false);
        JsonNode options = request.get("stream_options");
        boolean includeUsage = false;
        if (options != null && !options.isNull()) {
            if (!stream) {
                throw VllmException.badRequest("Stream options can only be defined when `stream=True`.");
            }
            includeUsage = JsonBodies.bool(options, "include_usage", false);
        }
        return new SamplingParams(maxTokens, JsonBodies.bool(request, "ignore_eos", false), stream, includeUsage);
    }
}
